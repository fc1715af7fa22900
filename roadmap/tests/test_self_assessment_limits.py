"""Saving self-assessment results: the honeypot and the per-address rate limit."""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from roadmap import services
from roadmap.models import SelfAssessment
from throttling.models import RateLimitBucket

pytestmark = pytest.mark.django_db

URL = reverse("roadmap:self_assessment_questions")
ANSWERS = {"sector": "nhs", "gov_1": "mostly"}


@pytest.fixture
def low_limit(monkeypatch):
    """A limit of three results an hour, so tests need not post thirty-one."""
    monkeypatch.setattr(services, "SELF_ASSESSMENTS_PER_IP_PER_HOUR", 3)


def test_questions_page_carries_the_hidden_honeypot_field(client, content):
    html = client.get(URL).content.decode()
    assert 'name="website"' in html
    assert 'class="til-honeypot" aria-hidden="true"' in html


def test_filled_honeypot_saves_nothing_and_counts_nothing(client, content):
    response = client.post(URL, {**ANSWERS, "website": "http://spam.example"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Sorry, we could not accept this" in response.content.decode()
    assert not SelfAssessment.objects.exists()
    assert not RateLimitBucket.objects.exists()


def test_empty_honeypot_saves_the_result(client, content):
    response = client.post(URL, {**ANSWERS, "website": ""})
    assert response.status_code == HTTPStatus.FOUND
    assert SelfAssessment.objects.count() == 1


def test_results_over_the_hourly_limit_from_one_address_are_refused(
    client, content, low_limit
):
    codes = [client.post(URL, ANSWERS).status_code for _ in range(5)]
    assert codes == [HTTPStatus.FOUND] * 3 + [HTTPStatus.TOO_MANY_REQUESTS] * 2
    assert SelfAssessment.objects.count() == 3


def test_too_many_page_says_when_to_try_again_and_whom_to_email(
    client, content, low_limit, settings
):
    for _ in range(3):
        client.post(URL, ANSWERS)
    response = client.post(URL, ANSWERS)
    html = response.content.decode()
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert 0 < int(response["Retry-After"]) <= 3660
    assert "<title>Please try again later" in html
    assert '<h1 class="govuk-heading-l">Please try again later</h1>' in html
    assert "More than 3 self-assessment results" in html
    assert "Try again in an hour" in html
    assert f"mailto:{settings.CONTACT_EMAIL}" in html


def test_limit_is_per_address_not_per_site(client, content, low_limit):
    for _ in range(3):
        client.post(URL, ANSWERS)
    assert client.post(URL, ANSWERS).status_code == HTTPStatus.TOO_MANY_REQUESTS
    other = Client(REMOTE_ADDR="10.0.0.9").post(URL, ANSWERS)
    assert other.status_code == HTTPStatus.FOUND


def test_invalid_forms_do_not_use_up_the_limit(client, content, low_limit):
    for _ in range(5):
        response = client.post(URL, {"sector": "nhs"})
        assert response.status_code == HTTPStatus.OK
    assert client.post(URL, ANSWERS).status_code == HTTPStatus.FOUND


def test_counter_holds_a_keyed_hash_of_the_address_apart_from_the_survey(
    client, content
):
    client.post(URL, ANSWERS)
    (bucket,) = RateLimitBucket.objects.all()
    assert bucket.key.startswith("roadmap:ip:")
    assert "127.0.0.1" not in bucket.key
    assert bucket.count == 1


def test_default_limit_leaves_room_for_a_workshop_on_one_network():
    assert 20 <= services.SELF_ASSESSMENTS_PER_IP_PER_HOUR <= 50


def test_rate_limited_service_counts_each_address_separately(db, low_limit):
    hits = [
        services.self_assessment_rate_limited(ip_address="192.0.2.1") for _ in range(4)
    ]
    assert hits == [False, False, False, True]
    assert not services.self_assessment_rate_limited(ip_address="192.0.2.2")
