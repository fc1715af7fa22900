"""The survey over HTTP: spam, rate limits, hostile posts and query counts."""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from survey.models import Response
from survey.tests.journey import begin, complete, step_url
from throttling.models import RateLimitBucket
from throttling.services import client_key, rate_limit_hit

pytestmark = pytest.mark.django_db


def test_honeypot_filled_start_creates_no_draft(client, open_wave):
    response = client.post(
        reverse("survey:begin", args=[open_wave.slug]), {"website": "http://x.example"}
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not Response.objects.exists()


def test_honeypot_filled_submit_does_not_submit(client, open_wave):
    complete(client, open_wave)
    response = client.post(
        reverse("survey:submit", args=[open_wave.slug]), {"website": "spam"}
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not Response.objects.submitted().exists()


def test_rate_limit_per_browser(client, open_wave, settings):
    settings.SURVEY_STARTS_PER_SESSION_PER_HOUR = 2
    url = reverse("survey:begin", args=[open_wave.slug])
    for _ in range(2):
        assert client.post(url, {"new": "1"}).status_code == HTTPStatus.FOUND
    response = client.post(url, {"new": "1"})
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    # Until the oldest minute of the last hour (at most 61 minutes) leaves it.
    assert 0 < int(response["Retry-After"]) <= 3660
    assert Response.objects.count() == 2


def test_rate_limit_per_ip_is_shared_across_browsers(open_wave, settings):
    settings.SURVEY_STARTS_PER_IP_PER_HOUR = 3
    url = reverse("survey:begin", args=[open_wave.slug])
    codes = [Client().post(url).status_code for _ in range(4)]
    assert codes == [HTTPStatus.FOUND] * 3 + [HTTPStatus.TOO_MANY_REQUESTS]
    # A colleague on another address is unaffected.
    other = Client(REMOTE_ADDR="10.0.0.9").post(url)
    assert other.status_code == HTTPStatus.FOUND
    assert not RateLimitBucket.objects.filter(key__contains="127.0.0.1").exists()


def test_more_than_300_starts_from_one_address_succeed_by_default(open_wave, settings):
    # The audit case: a cascade email sends hundreds of one organisation's
    # staff, all behind one address, to the survey within the hour.
    # 300 starts already counted this hour (as begin counts them), then more.
    key = client_key("127.0.0.1")
    for _ in range(300):
        assert not rate_limit_hit(key=key, limit=settings.SURVEY_STARTS_PER_IP_PER_HOUR)
    url = reverse("survey:begin", args=[open_wave.slug])
    codes = [Client().post(url).status_code for _ in range(5)]
    assert codes == [HTTPStatus.FOUND] * 5
    assert Response.objects.count() == 5


def test_default_per_address_limit_is_above_a_whole_organisation(settings):
    assert settings.SURVEY_STARTS_PER_IP_PER_HOUR >= 2000
    # The per-browser limit stays, so one computer cannot use it all up.
    assert settings.SURVEY_STARTS_PER_SESSION_PER_HOUR == 10


def test_per_address_limit_still_bites_above_the_setting(open_wave, settings):
    settings.SURVEY_STARTS_PER_IP_PER_HOUR = 5
    url = reverse("survey:begin", args=[open_wave.slug])
    codes = [Client().post(url).status_code for _ in range(7)]
    assert codes == [HTTPStatus.FOUND] * 5 + [HTTPStatus.TOO_MANY_REQUESTS] * 2
    assert Response.objects.count() == 5


def test_forwarded_address_is_used_only_behind_a_trusted_proxy(open_wave, settings):
    settings.SURVEY_STARTS_PER_IP_PER_HOUR = 1
    settings.TRUSTED_PROXIES = 1
    url = reverse("survey:begin", args=[open_wave.slug])
    first = Client(HTTP_X_FORWARDED_FOR="1.1.1.1").post(url)
    second = Client(HTTP_X_FORWARDED_FOR="2.2.2.2").post(url)
    third = Client(HTTP_X_FORWARDED_FOR="9.9.9.9, 2.2.2.2").post(url)
    assert first.status_code == second.status_code == HTTPStatus.FOUND
    assert third.status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_oversized_post_gets_a_400_page_not_a_500(client, open_wave):
    begin(client, open_wave)
    response = client.post(
        step_url(open_wave, "meaning"), {"meaning_own_words": "x" * 300_000}
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "<html" in response.content.decode()


def test_too_many_fields_gets_a_400(client, open_wave):
    begin(client, open_wave)
    data = {f"field{i}": "x" for i in range(500)}
    response = client.post(step_url(open_wave, "meaning"), data)
    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_malformed_multipart_post_is_a_4xx(client, open_wave):
    begin(client, open_wave)
    response = client.generic(
        "POST",
        step_url(open_wave, "meaning"),
        b"--broken\r\nnot really multipart",
        content_type="multipart/form-data; boundary=",
    )
    assert (
        HTTPStatus.BAD_REQUEST
        <= response.status_code
        < HTTPStatus.INTERNAL_SERVER_ERROR
    )


def test_page_views_use_a_bounded_number_of_queries(
    client, open_wave, django_assert_max_num_queries
):
    check_url = complete(client, open_wave)
    # A question page reads its draft and wave in one query, and no session.
    with django_assert_max_num_queries(1):
        client.get(step_url(open_wave, "four_rs"))
    with django_assert_max_num_queries(2):
        client.get(check_url)
    # The start page also reads the sources it cites, in one query.
    with django_assert_max_num_queries(3):
        client.get(reverse("survey:wave_start", args=[open_wave.slug]))
    # A saved page: the read, and one conditional UPDATE.
    with django_assert_max_num_queries(2):
        client.post(step_url(open_wave, "four_rs"), {"r_realise_1": "agree"})
    # The read, the locked read and the UPDATE, with their savepoints.
    with django_assert_max_num_queries(7):
        client.post(reverse("survey:submit", args=[open_wave.slug]))
