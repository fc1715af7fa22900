"""Instructions per survey request against the bare page, in one process.

Seconds of CPU on a shared two-core machine move by a fifth from one run to
the next; the number of instructions a program executes does not. This runs
whole surveys in one process (bench/survey_inprocess.py: the test client, no
server) under valgrind's callgrind, and, in the same run, as many requests to
the bare page (the site's base template and one query, bench/survey_urls.py)
as those surveys make. One survey, then four, are counted; the difference over
three is a warm survey's cost, without start-up. Only the Python process is
counted, not PostgreSQL (bench_survey.py measures both, in seconds).

The figure of issue 19 against the code before issue 15 (commit 559e64f),
measured by the benchmark this one replaced, is in docs/performance.md ("The
survey after issue 19").
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.bench_survey import _database_url
from survey.demo import seed_demo

BASE_DIR = Path(__file__).resolve().parent.parent
DRIVER = BASE_DIR / "bench" / "survey_inprocess.py"
COLLECTED = re.compile(r"Collected\s*:\s*([\d,]+)")
REQUESTS = re.compile(r"requests per survey: (\d+)")
# As bench_survey.py's CPU target: a survey request within 3x the bare page.
TARGET = 3.0


def _instructions(surveys: int, *mode: str) -> tuple[int, int]:
    """Instructions executed and requests per survey, for one driver run."""
    with tempfile.TemporaryDirectory() as workdir:
        result = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={workdir}/callgrind.out",
                sys.executable,
                str(DRIVER),
                str(surveys),
                *mode,
            ],
            cwd=BASE_DIR,
            env={
                **os.environ,
                "DATABASE_URL": _database_url(),
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
    instructions = int(COLLECTED.search(result.stderr).group(1).replace(",", ""))
    return instructions, int(REQUESTS.search(result.stdout).group(1))


def run(report):
    """Count a warm survey's instructions and the bare page's; print the ratio."""
    if shutil.which("valgrind") is None:
        print("\n(survey_instructions skipped: valgrind is not installed)")
        return
    seed_demo()
    one, requests = _instructions(1)
    survey = (_instructions(4)[0] - one) / 3
    bare = (_instructions(4, "bare")[0] - one) / 3
    report.heading(
        "Instructions per survey request, in one process under valgrind "
        f"(the Python process only; {requests} requests a survey)"
    )
    report.compare(
        "instructions per survey request",
        survey / requests / 1e6,
        bare / requests / 1e6,
        "M",
        baseline_name="the bare page (base template, one query)",
        target=f"at most {TARGET:.0f}x",
    )
    report.figure("instructions per completed survey", survey / 1e6, "M")
