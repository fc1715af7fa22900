"""Wrong withdrawal references are rate-limited like the other secret-link forms."""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from survey.models import Response
from survey.tests.factories import submitted
from throttling.tokens import token_hash, token_new

pytestmark = pytest.mark.django_db


def _submitted_with_link(wave) -> tuple[Response, str]:
    token = token_new()
    return submitted(wave, resume_token_hash=token_hash(token)), token


def test_guessing_references_at_one_link_is_refused_past_the_limit(
    client, open_wave, settings
):
    settings.SURVEY_WITHDRAWALS_PER_LINK_PER_HOUR = 3
    response, token = _submitted_with_link(open_wave)
    url = reverse("survey:withdraw", args=[token])
    for guess in ("TIL-AAAA-AAAA", "TIL-BBBB-BBBB", "TIL-CCCC-CCCC"):
        wrong = client.post(url, {"reference": guess, "confirm": "on"})
        assert wrong.status_code == HTTPStatus.OK
        assert "does not match" in wrong.content.decode()
    # Past the limit even the right reference is not checked.
    refused = client.post(url, {"reference": response.reference, "confirm": "on"})
    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert int(refused["Retry-After"]) > 0
    assert "too many tries at the reference" in refused.content.decode()
    assert Response.objects.filter(pk=response.pk).exists()


def test_guessing_across_many_links_from_one_address_is_refused(open_wave, settings):
    settings.SURVEY_WITHDRAWALS_PER_IP_PER_HOUR = 2
    links = [_submitted_with_link(open_wave)[1] for _ in range(3)]
    statuses = [
        Client()
        .post(
            reverse("survey:withdraw", args=[token]),
            {"reference": "TIL-AAAA-AAAA", "confirm": "on"},
        )
        .status_code
        for token in links
    ]
    assert statuses == [HTTPStatus.OK, HTTPStatus.OK, HTTPStatus.TOO_MANY_REQUESTS]


def test_one_wrong_reference_then_the_right_one_still_withdraws(client, open_wave):
    response, token = _submitted_with_link(open_wave)
    url = reverse("survey:withdraw", args=[token])
    client.post(url, {"reference": "TIL-AAAA-AAAA", "confirm": "on"})
    done = client.post(url, {"reference": response.reference, "confirm": "on"})
    assert done["Location"] == reverse("survey:withdrawn")
    assert not Response.objects.filter(pk=response.pk).exists()
