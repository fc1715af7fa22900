"""Rate-limit counters, the keyed hash of an address and the client's address."""

import datetime as dt

import pytest
from django.test import RequestFactory

from throttling.models import RateLimitBucket
from throttling.services import (
    client_ip,
    client_key,
    rate_limit_hit,
    rate_limit_retry_after,
)

pytestmark = pytest.mark.django_db


def test_rate_limit_counts_per_key_and_hour():
    now = dt.datetime(2025, 1, 5, 10, 15, tzinfo=dt.UTC)
    hits = [rate_limit_hit(key="k", limit=2, now=now) for _ in range(3)]
    assert hits == [False, False, True]
    assert not rate_limit_hit(key="other", limit=2, now=now)
    next_hour = now + dt.timedelta(hours=1)
    assert not rate_limit_hit(key="k", limit=2, now=next_hour)


def test_rate_limit_clears_old_windows():
    old = dt.datetime(2025, 1, 5, 6, 0, tzinfo=dt.UTC)
    rate_limit_hit(key="k", limit=5, now=old)
    rate_limit_hit(key="k", limit=5, now=old + dt.timedelta(hours=5))
    assert RateLimitBucket.objects.count() == 1


def test_client_key_does_not_contain_the_address():
    key = client_key("192.0.2.7")
    assert "192.0.2.7" not in key
    assert key == client_key("192.0.2.7")
    assert key != client_key("192.0.2.8")


def test_client_ip_trusts_only_as_many_hops_as_proxies(settings):
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.4", REMOTE_ADDR="10.0.0.1"
    )
    settings.TRUSTED_PROXIES = 0
    assert client_ip(request) == "10.0.0.1"
    settings.TRUSTED_PROXIES = 1
    assert client_ip(request) == "198.51.100.4"
    settings.TRUSTED_PROXIES = 2
    assert client_ip(request) == "203.0.113.9"
    settings.TRUSTED_PROXIES = 3
    assert client_ip(request) == "10.0.0.1"


def test_rate_limit_retry_after_counts_the_seconds_left_in_the_hour():
    now = dt.datetime(2025, 1, 1, 10, 59, 30, 500_000, tzinfo=dt.UTC)
    assert rate_limit_retry_after(now) == 30
    assert rate_limit_retry_after(now.replace(minute=0, second=0)) == 3600
