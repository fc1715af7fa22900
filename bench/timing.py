"""What several benchmarks share: a median timing, a signed-in analyst, and
one measurement in a fresh subprocess (its own peak memory)."""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
REPEATS = 7


def median_ms(action, repeats: int = REPEATS, *, warm: bool = True) -> float:
    """The median of ``repeats`` timed calls, in milliseconds; one untimed call
    first warms caches and connections unless ``warm`` is false."""
    if warm:
        action()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def analyst_client():
    """A test client signed in (both steps) as an analyst, for the admin pages."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    from staff.roles import ANALYST
    from staff.testing import sign_in_with_two_factor

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    user, _ = get_user_model().objects.get_or_create(
        username="bench-analyst", defaults={"is_staff": True}
    )
    user.groups.add(Group.objects.get(name=ANALYST))
    client = Client()
    sign_in_with_two_factor(client, user)
    return client


def peak_rss_mb() -> float:
    """This process's peak resident memory since exec (VmHWM).

    ru_maxrss is not used: on Linux it carries over the parent's size from
    before exec, which would hide the measured work's own peak.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def in_subprocess(script: str, *args: str, **env: str) -> dict:
    """Run ``script child *args`` on the benchmark database; its last line as JSON."""
    from django.db import connection

    env = {**os.environ, "BENCH_DB_NAME": connection.settings_dict["NAME"], **env}
    done = subprocess.run(
        [sys.executable, script, "child", *args],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=BASE_DIR,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def child_setup():
    """In the subprocess: Django set up on the benchmark database; its connection."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tilondon.test_settings")
    django.setup()
    from django.db import connection

    connection.settings_dict["NAME"] = os.environ["BENCH_DB_NAME"]
    return connection
