"""The survey's server CPU against the code before issue 15, in the same run.

Issue 15 asks for at most a third of the server CPU per completed survey that
the code used before the work (commit ``BENCH_SURVEY_BEFORE``, 559e64f by
default). That code is checked out beside this one with its own database on
the same PostgreSQL server (bench/code_before.py), and the two take the same
load as bench_survey.py (100 respondents, no thinking time) in alternating
rounds, before, now, before, now, so a machine that gets busier or quieter
during the run weighs on both alike. CPU is gunicorn's processes plus every
PostgreSQL process, from /proc, over the surveys completed in each round.
"""

import os
import tempfile
from pathlib import Path

from bench.bench_survey import (
    _free_port,
    _locust,
    _server_cpu,
    _spent,
    _start_server,
)
from bench.code_before import CommitUnavailable, code_before
from survey.demo import DEMO_WAVE_SLUG, seed_demo

BEFORE_COMMIT = os.environ.get("BENCH_SURVEY_BEFORE", "559e64f")
ROUNDS = 2
ROUND_SECONDS = int(os.environ.get("BENCH_SURVEY_ROUND_SECONDS", "30"))
TARGET = 1 / 3


class _Side:
    """One version of the code under test: its server, CPU and completed surveys."""

    def __init__(self, name: str, server, port: int, workdir: Path):
        self.name = name
        self.read_cpu = _server_cpu(server.pid)
        self.port = port
        self.workdir = workdir / name
        self.workdir.mkdir()
        self.cpu = (0.0, 0.0)
        self.surveys = 0
        self.failures = 0

    def take_surveys(self, round_number: int) -> None:
        references = self.workdir / f"references-{round_number}.txt"
        before = self.read_cpu()
        stats = _locust(
            self.port,
            "Respondent",
            ROUND_SECONDS,
            self.workdir,
            {"BENCH_WAVE": DEMO_WAVE_SLUG, "BENCH_REFERENCES": str(references)},
        )
        spent = _spent(before, self.read_cpu())
        self.cpu = tuple(a + b for a, b in zip(self.cpu, spent, strict=True))
        self.surveys += len([r for r in references.read_text().split() if r])
        self.failures += sum(int(row["Failure Count"]) for row in stats.values())

    def per_survey(self, part: int | None = None) -> float:
        spent = sum(self.cpu) if part is None else self.cpu[part]
        return spent * 1000 / max(1, self.surveys)


def run(report):
    """Alternate rounds of the survey on the code before and on this code."""
    if not BEFORE_COMMIT:
        return
    seed_demo()
    workdir = Path(tempfile.mkdtemp(prefix="bench-survey-before-"))
    try:
        _measure(workdir, report)
    except CommitUnavailable:
        print(f"\n(survey_before skipped: commit {BEFORE_COMMIT} is not in this clone)")


def _measure(workdir: Path, report) -> None:
    with code_before(BEFORE_COMMIT) as (tree, database_url):
        ports, servers = [], []
        try:
            # Each port is taken once the server before it holds its own.
            ports.append(_free_port())
            servers.append(_start_server(ports[0], cwd=tree, database_url=database_url))
            ports.append(_free_port())
            servers.append(_start_server(ports[1]))
            before = _Side("before", servers[0], ports[0], workdir)
            now = _Side("now", servers[1], ports[1], workdir)
            for round_number in range(ROUNDS):
                before.take_surveys(round_number)
                now.take_surveys(round_number)
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=30)
    report.heading(
        f"Survey CPU against the code before issue 15 ({BEFORE_COMMIT}): "
        f"{ROUNDS} alternating rounds of {ROUND_SECONDS} s each, 100 respondents"
    )
    for side in (before, now):
        report.figure(f"completed surveys, {side.name}", side.surveys, "surveys")
        report.figure(f"failed requests, {side.name}", side.failures, "requests")
    report.compare(
        "server CPU per completed survey (gunicorn + PostgreSQL)",
        now.per_survey(),
        before.per_survey(),
        "ms",
        baseline_name=f"the code before ({BEFORE_COMMIT})",
        target=f"at most {TARGET:.2f}x",
    )
    for part, name in ((0, "gunicorn"), (1, "PostgreSQL")):
        report.compare(
            f"  of which {name}",
            now.per_survey(part),
            before.per_survey(part),
            "ms",
            baseline_name="the code before",
        )
