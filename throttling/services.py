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


def _window_start(now: datetime) -> datetime:
    return now.replace(minute=0, second=0, microsecond=0)


def rate_limit_hit(*, key: str, limit: int, now: datetime | None = None) -> bool:
    """Count one event for ``key`` in this hour; True if it goes over ``limit``.

    One upsert in the database, so the count is shared by every web worker.
    """
    now = now or timezone.now()
    window = _window_start(now)
    table = RateLimitBucket._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (key, window_start, count) "  # noqa: S608 - table name from the model
            "VALUES (%s, %s, 1) ON CONFLICT (key, window_start) "
            f"DO UPDATE SET count = {table}.count + 1 "
            "RETURNING count",
            [key, window],
        )
        count = cursor.fetchone()[0]
    if count == 1:
        # The first event of a key in a window clears windows no longer needed.
        RateLimitBucket.objects.filter(window_start__lt=window - RATE_WINDOW).delete()
    return count > limit


def rate_limit_retry_after(now: datetime | None = None) -> int:
    """Seconds until this hour's counts end: the 429's ``Retry-After``."""
    now = now or timezone.now()
    remaining = _window_start(now) + RATE_WINDOW - now
    return max(1, math.ceil(remaining.total_seconds()))


def client_key(ip_address: str) -> str:
    """A keyed hash of an IP address: counters never hold the address itself."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{ip_address}".encode())
    return f"ip:{digest.hexdigest()[:40]}"


def client_ip(request: HttpRequest) -> str:
    """The client's address, trusting as many X-Forwarded-For hops as proxies.

    One rule for the whole site: rate limits and the staff sign-in lockout
    (TRUSTED_PROXIES, or its old name SURVEY_TRUSTED_PROXIES, in the environment).
    """
    proxies = settings.TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")
