"""Building a findings release: the counts PostgreSQL keeps vs counting in Python.

Uses the export benchmark's waves of 10,000 and 100,000 submitted responses
with realistic answers, then builds the release's whole snapshot (tally,
suppression, tables, measures) in a fresh subprocess each time, so peak memory
(VmHWM) belongs to that build alone:
- ours: ``release_snapshot``, reading the answer counts PostgreSQL keeps
  (``survey.AnswerCount``, decision 0017) through findings.tally;
- the baseline: the same figures counted in Python over every response's
  answers (``tally_in_python`` over a streamed queryset), then the same build.
Targets: under 10 s at 100,000; peak memory at 100,000 at most 1.2x that at
10,000.
"""

import json
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SMALL, LARGE = 10_000, 100_000


def _child(mode: str, slug: str) -> None:
    """Build one release in this (fresh) process; print time, memory, a digest."""
    from bench.timing import child_setup, peak_rss_mb

    child_setup()
    from findings.baseline import measures
    from findings.models import FindingsRelease
    from findings.release import build, counted_options, resolve
    from findings.services import question_specs, release_snapshot
    from findings.tally import tally_in_python
    from survey.models import Response

    release = FindingsRelease.objects.select_related("wave").get(wave__slug=slug)
    started = time.perf_counter()
    if mode == "sql":
        body = release_snapshot(release=release)
    else:
        questions = question_specs(release.wave)
        mapped = measures()
        rows = (
            Response.objects.submitted()
            .filter(wave=release.wave)
            .values_list("sector", "boroughs", "answers")
            .iterator(chunk_size=2000)
        )
        options = counted_options(questions, mapped)
        body = resolve(build(tally_in_python(rows, options), questions, mapped))
    seconds = time.perf_counter() - started
    digest = json.dumps(body["tables"], sort_keys=True)
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mb": peak_rss_mb(),
                "respondents": body["respondents"]["count"],
                "hidden": body["hidden_count"],
                "tables_digest": hash(digest),
            }
        )
    )


def measure(mode: str, slug: str) -> dict:
    """Run one build in a subprocess against the benchmark database."""
    from bench.timing import in_subprocess

    return in_subprocess(__file__, mode, slug, PYTHONHASHSEED="0")


def run(report):
    """Build the waves, then time each release build and compare peak memory."""
    from bench.bench_exports import wave_with_responses
    from findings.models import FindingsRelease

    report.heading("Findings: release built in PostgreSQL vs counted in Python")
    started = time.perf_counter()
    for slug, count, seed in (("bench-10k", SMALL, 10), ("bench-100k", LARGE, 100)):
        wave = wave_with_responses(slug, count, seed=seed)
        FindingsRelease.objects.get_or_create(wave=wave, defaults={"title": slug})
    report.figure(
        "Building the waves (bulk_create)", time.perf_counter() - started, "s"
    )

    small = measure("sql", "bench-10k")
    large = measure("sql", "bench-100k")
    py_small = measure("python", "bench-10k")
    py_large = measure("python", "bench-100k")
    if (large["respondents"], large["tables_digest"]) != (
        py_large["respondents"],
        py_large["tables_digest"],
    ):
        raise SystemExit("The SQL and Python builds published different figures.")

    report.compare(
        "Release at 100,000 responses: time",
        large["seconds"],
        py_large["seconds"],
        "s",
        baseline_name="counted in Python over the answers",
        target="< 10 s",
    )
    report.compare(
        "Release at 10,000 responses: time",
        small["seconds"],
        py_small["seconds"],
        "s",
        baseline_name="counted in Python over the answers",
    )
    report.compare(
        "Release, peak memory at 100,000",
        large["peak_mb"],
        small["peak_mb"],
        "MB",
        baseline_name="same build at 10,000",
        target="<= 1.2x",
    )
    report.compare(
        "Python counting, peak memory at 100,000",
        py_large["peak_mb"],
        py_small["peak_mb"],
        "MB",
        baseline_name="Python counting at 10,000",
    )
    report.figure("Counts hidden at 100,000", large["hidden"], "counts")


if __name__ == "__main__" and sys.argv[1:2] == ["child"]:
    sys.path.insert(0, str(BASE_DIR))
    _child(sys.argv[2], sys.argv[3])
