"""A bounded hostile sweep: a few thousand bad requests, and no server error.

Starts gunicorn on 127.0.0.1 with production settings (DJANGO_ENV=production,
bench/hostile_settings.py) against the benchmark's throwaway database, loaded
with the demo content. Then eight visitors send hostile input to every public
form and query parameter: arbitrary Unicode and control characters, NUL,
runs of search operators, overlong values, forms in other charsets, oversized
bodies, paths out of /static/, a username longer than any account's; and, in
a signed-in analyst's session, to the coverage target and coverage CSV. Prints
the count of 5xx answers, which must be 0, and how many 4xx answers were not
the site's styled page.
"""

import os
import random
import subprocess
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from django.contrib.auth import get_user_model

from bench.bench_survey import _database_url, _free_port
from bench.hostile_journeys import DEMO_VIA, JOURNEYS, STAFF_SESSION, Visitor
from bench.servers import gunicorn_start
from casestudies.demo import seed_demo as casestudies_seed
from findings.demo import seed_demo as findings_seed
from roadmap.demo import seed_demo as roadmap_seed
from survey.demo import DEMO_WAVE_SLUG
from survey.demo import seed_demo as survey_seed
from survey.models import Collector

REQUESTS = int(os.environ.get("BENCH_HOSTILE_REQUESTS", "3000"))
VISITORS = 8
SEED = 15
GUNICORN_LINE_LIMIT = 4094
SECRET_KEY = "bench-hostile-sweep-only-" + "k3Xw9" * 10


def _staff_session(secret_key: str) -> str:
    """An analyst's session, password and code steps passed, as the server signs it."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import override_settings
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from staff.roles import ANALYST

    user, _ = get_user_model().objects.get_or_create(
        username="bench-hostile-analyst", defaults={"is_staff": True}
    )
    user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get(name=ANALYST))
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Bench device", defaults={"confirmed": True}
    )
    with override_settings(SECRET_KEY=secret_key):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "staff.backends.StaffModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.create()
    return session.session_key


def _visit(port: int, number: int, budget: int) -> list[tuple[str, str, int, bool]]:
    visitor = Visitor(port, random.Random(SEED * 1000 + number))
    while len(visitor.results) < budget:
        visitor.rng.choice(JOURNEYS)(visitor)
        if visitor.rng.random() < 0.1:
            # A new browser now and then: fresh session, fresh limits.
            visitor.cookies = {}
    return visitor.results


def _start_server(port: int, log) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "bench.hostile_settings",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"https://127.0.0.1:{port}",
        # Resume-link emails go nowhere but the server's log, on purpose.
        "EMAIL_URL": "consolemail://",
        "ALLOW_CONSOLE_EMAIL_IN_PRODUCTION": "true",
        "DATABASE_URL": _database_url(),
    }
    env.pop("DEBUG", None)
    # Production redirects plain HTTP: the health check says it came over HTTPS.
    return gunicorn_start(
        port,
        env,
        threads=4,
        health_headers={"X-Forwarded-Proto": "https"},
        stdout=subprocess.DEVNULL,
        stderr=log,
    )


def run(report):
    """Send the sweep and print the count of 5xx answers (which must be 0)."""
    survey_seed()
    roadmap_seed()
    casestudies_seed()
    findings_seed()
    DEMO_VIA[:] = Collector.objects.filter(wave__slug=DEMO_WAVE_SLUG).values_list(
        "code", flat=True
    )
    STAFF_SESSION[:] = [_staff_session(SECRET_KEY)]
    port = _free_port()
    report.heading(
        f"Hostile sweep: {REQUESTS:,} requests, {VISITORS} visitors, "
        "gunicorn with production settings on 127.0.0.1"
    )
    with tempfile.TemporaryFile(mode="w+") as log:
        server = _start_server(port, log)
        started = time.perf_counter()
        try:
            with ThreadPoolExecutor(VISITORS) as pool:
                batches = pool.map(
                    lambda n: _visit(port, n, REQUESTS // VISITORS), range(VISITORS)
                )
                results = [row for batch in batches for row in batch]
        finally:
            server.terminate()
            server.wait(timeout=30)
        seconds = time.perf_counter() - started
        log.seek(0)
        logged_errors = log.read().count("Internal Server Error")
    statuses = Counter(status for _, _, status, _ in results)
    server_errors = [row for row in results if row[2] >= 500 or row[2] == 0]
    client_errors = [row for row in results if 400 <= row[2] < 500 and not row[3]]
    # gunicorn refuses a request line over 4,094 bytes itself, before Django
    # (and in production the proxy in front refuses it first).
    too_long = [row for row in client_errors if len(row[1]) > GUNICORN_LINE_LIMIT]
    unstyled = [row for row in client_errors if row not in too_long]
    report.figure("requests sent", len(results), "requests")
    report.figure("seconds taken", seconds, "s")
    print(
        "  answers by status: "
        + ", ".join(f"{s}: {n:,}" for s, n in sorted(statuses.items()))
    )
    # The staff journeys reached the dashboard signed in, not the sign-in page.
    signed_in = [
        r for r in results if r[1].startswith("/admin/dashboard") and r[2] == 200
    ]
    report.figure(
        "signed-in coverage pages and CSVs answered", len(signed_in), "responses"
    )
    report.figure("server errors (5xx, or no answer)", len(server_errors), "responses")
    report.figure("4xx answered without the styled page", len(unstyled), "responses")
    report.figure(
        "request lines over 4,094 bytes refused by gunicorn itself",
        len(too_long),
        "responses",
    )
    report.figure(
        '"Internal Server Error" lines in the server\'s log', logged_errors, "lines"
    )
    for method, path, status, _ in server_errors[:10]:
        print(f"    {status} {method} {path[:100]!r}")
    for method, path, status, _ in unstyled[:5]:
        print(f"    unstyled {status} {method} {path[:100]!r}")
    assert not server_errors, "The hostile sweep got server errors!"
    assert not logged_errors, "The server logged errors during the hostile sweep!"
