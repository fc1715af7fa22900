"""Instructions per completed survey, this code against the code before issue 15.

Seconds of CPU on a shared two-core machine move by a fifth from one run to
the next; the number of instructions a program executes does not. This runs
whole surveys in one process (bench/survey_inprocess.py: the test client, no
server) under valgrind's callgrind, first for this code, then for the code
before issue 15 checked out beside it (bench/code_before.py), each on its own
database on the same PostgreSQL server. One survey, then four, are counted;
the difference over three is a warm survey's cost, without start-up. Only the
Python process is counted, not PostgreSQL (bench_survey_before.py measures
both, in seconds).
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.bench_survey import _database_url
from bench.code_before import CommitUnavailable, code_before
from survey.demo import seed_demo

BASE_DIR = Path(__file__).resolve().parent.parent
DRIVER = BASE_DIR / "bench" / "survey_inprocess.py"
BEFORE_COMMIT = os.environ.get("BENCH_SURVEY_BEFORE", "559e64f")
COLLECTED = re.compile(r"Collected\s*:\s*([\d,]+)")
TARGET = 1 / 3


def _instructions(cwd: Path, database_url: str, surveys: int) -> int:
    """Instructions executed taking ``surveys`` surveys in one process."""
    with tempfile.TemporaryDirectory() as workdir:
        result = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={workdir}/callgrind.out",
                sys.executable,
                str(DRIVER),
                str(surveys),
            ],
            cwd=cwd,
            env={
                **os.environ,
                "DATABASE_URL": database_url,
                "DJANGO_SETTINGS_MODULE": "bench.survey_settings",
                "DEBUG": "false",
                "PYTHONHASHSEED": "0",
                "PYTHONWARNINGS": "ignore",
            },
            capture_output=True,
            text=True,
            check=True,
            timeout=1800,
        )
    return int(COLLECTED.search(result.stderr).group(1).replace(",", ""))


def _per_survey(cwd: Path, database_url: str) -> float:
    one = _instructions(cwd, database_url, 1)
    four = _instructions(cwd, database_url, 4)
    return (four - one) / 3


def run(report):
    """Count a warm survey's instructions now and before; print the ratio."""
    if not BEFORE_COMMIT:
        return
    if shutil.which("valgrind") is None:
        print("\n(survey_instructions skipped: valgrind is not installed)")
        return
    seed_demo()
    now = _per_survey(BASE_DIR, _database_url())
    try:
        with code_before(BEFORE_COMMIT) as (tree, database_url):
            before = _per_survey(tree, database_url)
    except CommitUnavailable:
        print(f"\n(survey_instructions: commit {BEFORE_COMMIT} is not in this clone)")
        return
    report.heading(
        "Instructions per completed survey, in one process under valgrind "
        "(the Python process only; the same driver and answers on both sides)"
    )
    report.compare(
        "instructions per completed survey",
        now / 1e6,
        before / 1e6,
        "M",
        baseline_name=f"the code before issue 15 ({BEFORE_COMMIT})",
        target=f"at most {TARGET:.2f}x",
    )
