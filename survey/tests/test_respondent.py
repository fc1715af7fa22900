"""The survey's own signed cookie ties a browser to its draft, with no session row."""

from http import HTTPStatus

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from survey.models import Response
from survey.respondent import COOKIE_NAME, MOST_WAVES, RespondentCookie
from survey.tests.factories import (
    begin_draft,
    browser_token,
    wave_with_questionnaire,
)
from throttling.tokens import token_hash

pytestmark = pytest.mark.django_db


def _to_check_answers(client, wave):
    location = begin_draft(client, wave)
    data = {"consent": "on", "sector": "nhs", "has_example": "no", "contact": "no"}
    for _ in range(30):
        response = client.post(location, data)
        assert response.status_code == HTTPStatus.FOUND
        location = response["Location"]
        if location.endswith("/check-answers/"):
            return location
    raise AssertionError("The survey did not reach check answers.")


def test_a_whole_survey_leaves_no_session_row_and_no_raw_token(client, open_wave):
    _to_check_answers(client, open_wave)
    client.post(reverse("survey:submit", args=[open_wave.slug]))
    token = browser_token(client, open_wave)
    assert Response.objects.submitted().get().resume_token_hash == token_hash(token)
    assert not Session.objects.exists()
    assert "sessionid" not in client.cookies


def test_the_cookie_is_scoped_to_the_survey_and_signed(client, open_wave):
    begin_draft(client, open_wave)
    morsel = client.cookies[COOKIE_NAME]
    assert morsel["path"] == "/survey/"
    assert morsel["httponly"]
    assert morsel["samesite"] == "Lax"
    assert browser_token(client, open_wave) not in morsel.value  # compressed, signed


def test_a_tampered_cookie_counts_as_none(client, open_wave):
    page = begin_draft(client, open_wave)
    value = client.cookies[COOKIE_NAME].value
    client.cookies[COOKIE_NAME] = value[:-3] + ("AAA" if value[-3:] != "AAA" else "BBB")
    response = client.get(page)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("survey:wave_start", args=[open_wave.slug])


@pytest.mark.parametrize("value", ["", "x", "e30:1tX:abc", "%00" * 40, "é" * 10])
def test_a_garbage_cookie_is_a_fresh_start_not_an_error(client, open_wave, value):
    client.cookies[COOKIE_NAME] = value
    start = client.get(reverse("survey:wave_start", args=[open_wave.slug]))
    assert start.status_code == HTTPStatus.OK
    assert begin_draft(client, open_wave).endswith("/questions/consent/")


def test_only_the_browser_that_submitted_sees_the_reference(open_wave):
    mine = Client()
    check = _to_check_answers(mine, open_wave)
    assert check
    token = browser_token(mine, open_wave)
    # Another browser opens the same resume link before the submission.
    other = Client()
    other.get(reverse("survey:resume", args=[token]))
    mine.post(reverse("survey:submit", args=[open_wave.slug]))
    reference = Response.objects.submitted().get().reference
    confirmation = reverse("survey:confirmation", args=[open_wave.slug])
    assert reference in mine.get(confirmation).content.decode()
    assert reference not in other.get(confirmation).content.decode()


def test_the_cookie_keeps_the_latest_waves_only():
    cookie = RespondentCookie()
    for number in range(MOST_WAVES + 3):
        cookie.remember(f"wave-{number}", f"token-{number}")
    assert len(cookie.drafts) == MOST_WAVES
    assert cookie.token("wave-0") is None
    assert cookie.token(f"wave-{MOST_WAVES + 2}") == f"token-{MOST_WAVES + 2}"
    again = RespondentCookie.from_value(cookie.value())
    assert again.drafts == cookie.drafts


def test_each_wave_keeps_its_own_draft(client, open_wave):
    other_wave = wave_with_questionnaire(slug="other-wave", name="Other wave")
    begin_draft(client, open_wave)
    begin_draft(client, other_wave)
    first, second = browser_token(client, open_wave), browser_token(client, other_wave)
    assert first and second and first != second


def test_a_cookie_signed_with_a_retired_key_is_read_until_the_key_is_dropped(
    client, open_wave, settings
):
    settings.SECRET_KEY = "the-key-before-the-rotation-" + "a" * 30
    page = begin_draft(client, open_wave)
    token = browser_token(client, open_wave)
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "the-key-after-the-rotation-" + "b" * 30
    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert client.get(page).status_code == HTTPStatus.OK
    settings.SECRET_KEY_FALLBACKS = []
    start = reverse("survey:wave_start", args=[open_wave.slug])
    assert client.get(page)["Location"] == start
    # The resume link is not signed (only its hash is stored): it still works.
    resumed = client.get(reverse("survey:resume", args=[token]))
    assert resumed["Location"] == page
    assert client.get(page).status_code == HTTPStatus.OK
