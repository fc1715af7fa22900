"""The survey under 100 concurrent respondents, beside two bare Django views.

Starts gunicorn on 127.0.0.1 against the benchmark's throwaway database, runs a
headless, time-bounded Locust of 100 respondents who each take the whole demo
survey (start, every page, check answers, submit, confirmation) with no
thinking time, then, on the same server, 100 users posting to a bare view that
does one INSERT, and 100 users reading a bare page (the site's base template
and one query). Prints completed surveys per second, p50/p95 of page views,
saves and the final submit against the bare INSERT, and checks every confirmed
reference is in the database.

CPU, the figure that matters on a shared or small machine: the server's CPU
time (gunicorn's workers plus every PostgreSQL process, from /proc) during
each phase, divided by the surveys completed and by the requests answered, so
a survey request is weighed against the bare page in the same run.
"""

import csv
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
from django.db import connection

from bench.process_cpu import parent_pid, tree_cpu_seconds
from bench.servers import gunicorn_start
from survey.demo import DEMO_WAVE_SLUG, seed_demo
from survey.models import Response

BASE_DIR = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
USERS = 100
SURVEY_SECONDS = int(os.environ.get("BENCH_SURVEY_SECONDS", "60"))
BARE_SECONDS = int(os.environ.get("BENCH_BARE_SECONDS", "20"))
# Target (issue 15): a survey request within 3x the bare page's CPU.
PAGE_RATIO_TARGET = 3.0
SEQUENTIAL = 100
STOP_SECONDS = 240
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}@/{settings['NAME']}"
        f"?host={settings['HOST']}&port={settings['PORT']}"
    )


def _start_server(port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.survey_settings",
        "DATABASE_URL": _database_url(),
        "DEBUG": "false",
        # Every simulated respondent shares 127.0.0.1 and few sessions; the
        # limits still count (their cost is measured) but never refuse.
        "SURVEY_STARTS_PER_IP_PER_HOUR": "100000000",
        "SURVEY_STARTS_PER_SESSION_PER_HOUR": "100000000",
        "CONN_MAX_AGE": "60",
    }
    # Keep-alive longer than the default 2 s, so a connection is not closed just
    # as the next request is sent on it (a failed request, not a cost).
    return gunicorn_start(port, env, threads=8, extra_args=("--keep-alive", "30"))


def _locust(port: int, user_class: str, seconds: int, workdir: Path, env: dict):
    prefix = workdir / user_class
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(BASE_DIR / "bench" / "survey_locustfile.py"),
            "--headless",
            "--users",
            str(USERS),
            "--spawn-rate",
            "50",
            "--run-time",
            f"{seconds}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(prefix),
            "--only-summary",
            # Users finish the survey they are taking when the time is up, so
            # the CPU is divided by surveys that were started and completed.
            "--stop-timeout",
            str(STOP_SECONDS),
            "--loglevel",
            "ERROR",
            user_class,
        ],
        cwd=BASE_DIR,
        # The locustfile imports bench.survey_answers.
        env={**os.environ, "PYTHONPATH": str(BASE_DIR), **env},
        check=False,
        stdout=subprocess.DEVNULL,
        timeout=seconds + STOP_SECONDS + 60,
    )
    with open(f"{prefix}_stats.csv", newline="") as handle:
        return {row["Name"]: row for row in csv.DictReader(handle)}


def run(report):
    """Measure the survey under load and the bare INSERT beside it."""
    seed_demo()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_bare_insert "
            "(id bigserial PRIMARY KEY, payload text NOT NULL, "
            "created_at timestamptz NOT NULL DEFAULT now())"
        )
    port = _free_port()
    server = _start_server(port)
    workdir = Path(tempfile.mkdtemp(prefix="bench-survey-"))
    references_file = workdir / "references.txt"
    server_cpu = _server_cpu(server.pid)
    try:
        cpu_before = server_cpu()
        survey = _locust(
            port,
            "Respondent",
            SURVEY_SECONDS,
            workdir,
            {"BENCH_WAVE": DEMO_WAVE_SLUG, "BENCH_REFERENCES": str(references_file)},
        )
        survey_cpu = _spent(cpu_before, server_cpu())
        bare = _locust(port, "BareInsert", BARE_SECONDS, workdir, {})
        cpu_before = server_cpu()
        bare_page = _locust(port, "BarePage", BARE_SECONDS, workdir, {})
        bare_page_cpu = _spent(cpu_before, server_cpu())
        unloaded = _unloaded(port)
    finally:
        server.terminate()
        server.wait(timeout=30)
    references = [r for r in references_file.read_text().split() if r]
    found = Response.objects.submitted().filter(reference__in=references).count()

    report.heading(
        f"Survey: {USERS} concurrent respondents for {SURVEY_SECONDS} s "
        "(gunicorn gthread 3x8, no thinking time)"
    )
    report.figure("completed surveys", len(references), "surveys")
    report.figure(
        f"completed surveys per second at {USERS} users",
        _surveys_per_second(survey, references),
        "surveys/s",
    )
    _report_cpu(report, survey, references, survey_cpu, bare_page, bare_page_cpu)
    failures = sum(int(row["Failure Count"]) for row in survey.values())
    report.figure("failed requests", failures, "requests")
    report.figure("confirmed references found in the database", found, "responses")
    assert found == len(references), "A confirmed response is missing!"
    bare_row = bare["bare insert"]
    bare_p50 = float(bare_row["50%"])
    bare_p95 = float(bare_row["95%"])
    for name in ("page view", "save answers", "submit"):
        row = survey.get(name)
        if row is None:
            report.figure(f"{name}: no requests completed", 0, "requests")
            continue
        report.compare(
            f"{name} p50",
            float(row["50%"]),
            bare_p50,
            "ms",
            baseline_name="bare INSERT view p50",
        )
        report.compare(
            f"{name} p95",
            float(row["95%"]),
            bare_p95,
            "ms",
            baseline_name="bare INSERT view p95",
        )
    report.compare(
        "server throughput, survey requests of every kind",
        float(survey["Aggregated"]["Requests/s"]),
        float(bare_row["Requests/s"]),
        "req/s",
        baseline_name="bare INSERT view",
    )
    report.heading(f"Unloaded, one client, {SEQUENTIAL} of each (intrinsic cost)")
    for name, value, baseline in unloaded:
        report.compare(name, value, baseline, "ms", baseline_name="bare INSERT p50")
    report.figure(
        "requests per completed survey",
        _requests_per_survey(survey, references),
        "requests",
    )


def _timed(method, url: str, **kwargs) -> float:
    started = time.perf_counter()
    method(url, timeout=30, **kwargs)
    return (time.perf_counter() - started) * 1000


def _unloaded(port: int) -> list[tuple[str, float, float]]:
    """One client, one request at a time: submit and a page view against the INSERT."""
    base = f"http://127.0.0.1:{port}"
    wave = f"{base}/survey/{DEMO_WAVE_SLUG}"
    bare, submits, pages = [], [], []
    for _ in range(SEQUENTIAL):
        bare.append(
            _timed(requests.post, f"{base}/bench/bare-insert/", data={"p": "x"})
        )
        session = requests.Session()
        token = CSRF.search(session.get(f"{wave}/", timeout=30).text).group(1)
        consent = session.post(
            f"{wave}/begin/", data={"csrfmiddlewaretoken": token}, timeout=30
        )
        session.post(
            consent.url,
            data={"csrfmiddlewaretoken": token, "consent": "on"},
            timeout=30,
        )
        pages.append(_timed(session.get, f"{wave}/check-answers/"))
        submits.append(
            _timed(
                session.post,
                f"{wave}/submit/",
                data={"csrfmiddlewaretoken": token},
                allow_redirects=False,
            )
        )
    bare_p50 = statistics.median(bare)
    return [
        ("submit p50", statistics.median(submits), bare_p50),
        ("check-answers page p50", statistics.median(pages), bare_p50),
    ]


def _requests_per_survey(survey: dict, references: list[str]) -> float:
    total = int(survey["Aggregated"]["Request Count"])
    return total / len(references) if references else 0.0


def _server_cpu(gunicorn_pid: int):
    """A reader of the CPU seconds used so far by gunicorn and PostgreSQL."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    # None when PostgreSQL runs elsewhere: then only gunicorn is counted.
    postmaster = parent_pid(backend)

    def read() -> tuple[float, float]:
        database = tree_cpu_seconds(postmaster) if postmaster else 0.0
        return tree_cpu_seconds(gunicorn_pid), database

    return read


def _spent(before: tuple, after: tuple) -> tuple[float, ...]:
    return tuple(b - a for a, b in zip(before, after, strict=True))


def _report_cpu(report, survey, references, survey_cpu, bare_page, bare_page_cpu):
    survey_requests = int(survey["Aggregated"]["Request Count"])
    page_requests = int(bare_page["Aggregated"]["Request Count"])
    completed = max(1, len(references))
    report.figure(
        "server CPU per completed survey (gunicorn + PostgreSQL)",
        sum(survey_cpu) * 1000 / completed,
        "ms",
    )
    report.figure("  of which gunicorn", survey_cpu[0] * 1000 / completed, "ms")
    report.figure("  of which PostgreSQL", survey_cpu[1] * 1000 / completed, "ms")
    report.compare(
        "server CPU per survey request",
        sum(survey_cpu) * 1000 / max(1, survey_requests),
        sum(bare_page_cpu) * 1000 / max(1, page_requests),
        "ms",
        baseline_name="bare page (base template, one query)",
        target=f"at most {PAGE_RATIO_TARGET:g}x",
    )


def _surveys_per_second(survey: dict, references: list[str]) -> float:
    """Requests a second over the whole phase, over requests per completed survey."""
    per_survey = _requests_per_survey(survey, references)
    rate = float(survey["Aggregated"]["Requests/s"])
    return rate / per_survey if per_survey else 0.0
