"""Rate limits and the client's address, for every public form of the site."""

import hashlib
import math
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from throttling.models import RateLimitBucket

RATE_WINDOW = timedelta(hours=1)
# Counters per key per minute: a limit holds over any 60 minutes, counted from
# the minute an event fell in (docs/decisions/0009-sliding-rate-limit-window.md).
RATE_BUCKET = timedelta(minutes=1)


def _bucket_start(now: datetime) -> datetime:
    return now.replace(second=0, microsecond=0)


def rate_limit_hit(*, key: str, limit: int, now: datetime | None = None) -> bool:
    """Count one event for ``key``; True if the last hour then holds over ``limit``.

    A sliding hour: this minute's counter plus the sixty before it, so no span
    of 60 minutes ever admits more than ``limit``, across clock hours too. One
    upsert in the database, which also sums the earlier minutes, so the count is
    shared by every web worker. A refused event is taken back off the count, so
    a client that keeps trying is not held back past its ``Retry-After``.
    """
    now = now or timezone.now()
    bucket = _bucket_start(now)
    table = RateLimitBucket._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (key, window_start, count) "  # noqa: S608 - table name from the model
            "VALUES (%s, %s, 1) ON CONFLICT (key, window_start) "
            f"DO UPDATE SET count = {table}.count + 1 "
            "RETURNING count, (SELECT coalesce(sum(earlier.count), 0) "
            f"FROM {table} AS earlier WHERE earlier.key = %s "
            "AND earlier.window_start >= %s AND earlier.window_start < %s)",
            [key, bucket, key, bucket - RATE_WINDOW, bucket],
        )
        count, earlier = cursor.fetchone()
        refused = count + earlier > limit
        if refused:
            cursor.execute(
                f"UPDATE {table} SET count = count - 1 "  # noqa: S608 - table name from the model
                "WHERE key = %s AND window_start = %s",
                [key, bucket],
            )
    if count == 1:
        # The first event of a key in a minute clears counters no longer needed.
        RateLimitBucket.objects.filter(window_start__lt=bucket - RATE_WINDOW).delete()
    return refused


def rate_limit_retry_after(*, key: str, limit: int, now: datetime | None = None) -> int:
    """Seconds until ``key`` may have one more event: the 429's ``Retry-After``.

    Exact for the sliding hour of ``rate_limit_hit``, if nothing else arrives:
    the moment enough of the oldest minutes have left the hour.
    """
    now = now or timezone.now()
    counts = list(
        RateLimitBucket.objects.filter(
            key=key, window_start__gte=_bucket_start(now) - RATE_WINDOW
        )
        .order_by("window_start")
        .values_list("window_start", "count")
    )
    held = sum(count for _, count in counts)
    if held < limit:
        return 1
    for window_start, count in counts:
        held -= count
        if held < limit:
            # A minute leaves the hour once a full hour has passed after it.
            leaves = window_start + RATE_BUCKET + RATE_WINDOW
            return max(1, math.ceil((leaves - now).total_seconds()))
    return math.ceil((RATE_WINDOW + RATE_BUCKET).total_seconds())


def rate_limit_refused(*limits: tuple[str, int]) -> int | None:
    """Count one event against each ``(key, limit)`` in turn, stopping at a refusal.

    None if every limit admits the event, else the refusing limit's
    ``Retry-After`` seconds.
    """
    for key, limit in limits:
        if rate_limit_hit(key=key, limit=limit):
            return rate_limit_retry_after(key=key, limit=limit)
    return None


def client_key(ip_address: str) -> str:
    """A keyed hash of an IP address: counters never hold the address itself."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{ip_address}".encode())
    return f"ip:{digest.hexdigest()[:40]}"


def client_ip(request: HttpRequest) -> str:
    """The client's address, trusting as many X-Forwarded-For hops as proxies.

    One rule for the whole site: rate limits and the staff sign-in lockout
    (TRUSTED_PROXIES in the environment).
    """
    proxies = settings.TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")
