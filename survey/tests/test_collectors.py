"""Collectors: a response keeps the link it came through; a bad code never blocks."""

import datetime as dt
from http import HTTPStatus

import pytest
from django.db import IntegrityError
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse

from survey.models import COLLECTOR_ALPHABET, Collector, Response
from survey.tests.factories import (
    CollectorFactory,
    ResponseFactory,
    WaveFactory,
)
from survey.tests.journey import step_url, token_of

pytestmark = pytest.mark.django_db


def _start_via(client, wave, code):
    """Open the start page through a link, then press Start now."""
    page = client.get(reverse("survey:wave_start", args=[wave.slug]), {"via": code})
    assert page.status_code == HTTPStatus.OK
    text = page.content.decode()
    via = f'name="via" value="{code}"' in text
    data = {"website": ""} | ({"via": code} if via else {})
    response = client.post(reverse("survey:begin", args=[wave.slug]), data)
    assert response.status_code == HTTPStatus.FOUND
    return response["Location"]


def test_a_new_code_is_ten_characters_from_the_unambiguous_alphabet():
    code = CollectorFactory().code
    assert len(code) == 10
    assert set(code) <= set(COLLECTOR_ALPHABET)
    assert not set(code) & set("01OILU")


def test_two_collectors_cannot_share_a_code():
    first = CollectorFactory()
    with pytest.raises(IntegrityError, match="survey_collector_code"):
        CollectorFactory(code=first.code)


def test_a_borough_collector_must_name_its_borough():
    with pytest.raises(
        IntegrityError, match="survey_collector_borough_kind_has_borough"
    ):
        CollectorFactory(kind=Collector.Kind.BOROUGH, borough="")


def test_attribution_survives_save_resume_in_a_fresh_browser_and_submit(
    client, open_wave
):
    collector = CollectorFactory(wave=open_wave, name="Directors of Public Health")
    _start_via(client, open_wave, collector.code)
    client.post(step_url(open_wave, "consent"), {"consent": "on", "action": "save"})
    token = token_of(client, open_wave)
    assert Response.objects.get().collector == collector

    other = Client()
    location = other.get(reverse("survey:resume", args=[token]))["Location"]
    data = {
        "sector": "nhs",
        "nhs_icb": "north_east",
        "answering_for": "team",
        "team_size": "under_10",
        "has_example": "no",
        "contact": "no",
    }
    for _ in range(30):
        location = other.post(location, data)["Location"]
        if location.endswith("/check-answers/"):
            break
    submitted = other.post(reverse("survey:submit", args=[open_wave.slug]))
    assert submitted.status_code == HTTPStatus.FOUND
    response = Response.objects.get()
    assert response.is_submitted
    assert response.collector == collector


@pytest.mark.parametrize(
    "code",
    ["", "NOPE", "ZZZZZZZZZZ", "'; DROP TABLE x;--", "a" * 5000, "é✓\x00", "expired"],
)
def test_a_bad_code_never_blocks_and_records_a_direct_response(client, open_wave, code):
    if code == "expired":
        code = CollectorFactory(
            wave=open_wave,
            expires_at=dt.datetime.now(tz=dt.UTC) - dt.timedelta(minutes=1),
        ).code
    page = client.get(
        reverse("survey:wave_start", args=[open_wave.slug]), {"via": code}
    )
    assert page.status_code == HTTPStatus.OK
    assert 'name="via"' not in page.content.decode()
    response = client.post(
        reverse("survey:begin", args=[open_wave.slug]), {"website": "", "via": code}
    )
    assert response["Location"] == step_url(open_wave, "consent")
    assert Response.objects.get().collector is None


def test_another_waves_code_or_an_inactive_one_records_a_direct_response(
    client, open_wave
):
    other_wave = CollectorFactory(wave=WaveFactory()).code
    inactive = CollectorFactory(wave=open_wave, active=False).code
    for code in (other_wave, inactive):
        fresh = Client()
        fresh.post(
            reverse("survey:begin", args=[open_wave.slug]), {"website": "", "via": code}
        )
    assert list(Response.objects.values_list("collector", flat=True)) == [None, None]


def test_a_code_is_read_whatever_its_case(client, open_wave):
    collector = CollectorFactory(wave=open_wave)
    client.post(
        reverse("survey:begin", args=[open_wave.slug]),
        {"website": "", "via": f" {collector.code.lower()} "},
    )
    assert Response.objects.get().collector == collector


def test_a_collector_that_brought_responses_cannot_be_deleted(open_wave):
    collector = CollectorFactory(wave=open_wave)
    ResponseFactory(wave=open_wave, collector=collector)
    with pytest.raises(ProtectedError):
        collector.delete()
