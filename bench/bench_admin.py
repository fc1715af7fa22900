"""The responses list in the admin at 100,000 responses.

Signs in as an analyst (password step skipped, TOTP device verified) and times
the list's server time through Django's test client, against two baselines
from the same run: the same list filtered to a wave of 1,000 responses, and a
bare ``SELECT count(*)`` over the 100,000.
"""

import statistics
import time

REPEATS = 7


def _median_ms(action) -> float:
    action()  # warm caches and connections
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run(report):
    """Time the changelist at 100,000 and at 1,000 rows, and a bare count."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from bench.bench_exports import wave_with_responses
    from staff.roles import ANALYST
    from staff.testing import force_login_with_two_factor
    from survey.models import Response

    report.heading("Admin: the responses list at 100,000 responses")
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    wave_with_responses("bench-100k", 100_000, seed=100)
    small = wave_with_responses("bench-1k", 1_000, seed=1)
    total = Response.objects.submitted().count()

    user, _ = get_user_model().objects.get_or_create(
        username="bench-analyst", defaults={"is_staff": True}
    )
    user.groups.add(Group.objects.get(name=ANALYST))
    client = Client()
    force_login_with_two_factor(client, user)
    url = reverse("admin:survey_response_changelist")

    def full_list():
        response = client.get(url)
        assert response.status_code == 200

    def small_list():
        response = client.get(url, {"wave__id__exact": small.pk})
        assert response.status_code == 200

    def search():
        response = client.get(url, {"q": "reflective"})
        assert response.status_code == 200

    def bare_count():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {Response._meta.db_table}")  # noqa: S608
            cursor.fetchone()

    full_list()
    with CaptureQueriesContext(connection) as queries:
        full_list()
    report.figure("Submitted responses in the table", total, "responses")
    report.figure("Queries for one list page", len(queries), "queries")
    full_ms = _median_ms(full_list)
    report.compare(
        f"List page at {total:,} responses (median server time)",
        full_ms,
        _median_ms(small_list),
        "ms",
        baseline_name="list filtered to a 1,000-response wave",
    )
    report.compare(
        f"List page at {total:,} responses",
        full_ms,
        _median_ms(bare_count),
        "ms",
        baseline_name="bare SELECT count(*) of the table",
    )
    report.compare(
        f"Free-text search over {total:,} responses",
        _median_ms(search),
        full_ms,
        "ms",
        baseline_name="unfiltered list",
    )
