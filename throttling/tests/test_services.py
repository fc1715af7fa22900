"""Rate-limit counters, the keyed hash of an address and the client's address."""

import datetime as dt

import pytest
from django.test import RequestFactory

from throttling.models import RateLimitBucket
from throttling.services import (
    client_ip,
    client_key,
    rate_limit_hit,
    rate_limit_refused,
    rate_limit_retry_after,
)

pytestmark = pytest.mark.django_db


def test_rate_limit_counts_per_key_over_the_last_hour():
    now = dt.datetime(2025, 1, 5, 10, 15, tzinfo=dt.UTC)
    hits = [rate_limit_hit(key="k", limit=2, now=now) for _ in range(3)]
    assert hits == [False, False, True]
    assert not rate_limit_hit(key="other", limit=2, now=now)
    # Still inside the sliding hour at 11:14; the minute has left it at 11:16.
    assert rate_limit_hit(key="k", limit=2, now=now + dt.timedelta(minutes=59))
    assert not rate_limit_hit(key="k", limit=2, now=now + dt.timedelta(minutes=61))


def test_bursts_either_side_of_the_hour_cannot_pass_twice_the_limit():
    before = dt.datetime(2025, 1, 5, 10, 59, 30, tzinfo=dt.UTC)
    after = dt.datetime(2025, 1, 5, 11, 0, 5, tzinfo=dt.UTC)
    admitted = [rate_limit_hit(key="k", limit=5, now=before) for _ in range(8)]
    admitted += [rate_limit_hit(key="k", limit=5, now=after) for _ in range(8)]
    assert admitted.count(False) == 5


def test_no_sixty_minutes_admit_more_than_the_limit():
    start = dt.datetime(2025, 1, 5, 10, 0, 59, tzinfo=dt.UTC)
    admitted = []
    for second in range(0, 3 * 3600, 97):
        now = start + dt.timedelta(seconds=second)
        if not rate_limit_hit(key="k", limit=7, now=now):
            admitted.append(now)
    for first in admitted:
        within = [t for t in admitted if first <= t < first + dt.timedelta(hours=1)]
        assert len(within) <= 7
    assert len(admitted) >= 14


def test_refused_events_are_not_counted():
    now = dt.datetime(2025, 1, 5, 10, 15, tzinfo=dt.UTC)
    for _ in range(10):
        rate_limit_hit(key="k", limit=2, now=now)
    assert RateLimitBucket.objects.get(key="k").count == 2


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


def test_rate_limit_retry_after_is_when_the_next_event_is_admitted():
    first = dt.datetime(2025, 1, 1, 10, 20, 10, tzinfo=dt.UTC)
    second = dt.datetime(2025, 1, 1, 10, 50, 40, tzinfo=dt.UTC)
    rate_limit_hit(key="k", limit=2, now=first)
    rate_limit_hit(key="k", limit=2, now=second)
    now = dt.datetime(2025, 1, 1, 11, 0, 0, tzinfo=dt.UTC)
    assert rate_limit_hit(key="k", limit=2, now=now)
    wait = rate_limit_retry_after(key="k", limit=2, now=now)
    # The 10:20 minute leaves the hour at 11:21.
    assert wait == 21 * 60
    assert rate_limit_hit(key="k", limit=2, now=now + dt.timedelta(seconds=wait - 1))
    assert not rate_limit_hit(key="k", limit=2, now=now + dt.timedelta(seconds=wait))


def test_rate_limit_retry_after_is_one_second_when_there_is_room():
    now = dt.datetime(2025, 1, 1, 10, 0, tzinfo=dt.UTC)
    rate_limit_hit(key="k", limit=2, now=now)
    assert rate_limit_retry_after(key="k", limit=2, now=now) == 1


def test_rate_limit_refused_stops_at_the_first_limit_over():
    rate_limit_hit(key="a", limit=1)
    assert 0 < rate_limit_refused(("a", 1), ("b", 1)) <= 3660
    assert not RateLimitBucket.objects.filter(key="b").exists()
    assert rate_limit_refused(("c", 1), ("b", 1)) is None
