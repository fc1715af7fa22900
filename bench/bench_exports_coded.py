"""The response export's code columns: does its memory stay flat as waves grow?

Codes every free-text answer of the export benchmark's waves of 10,000 and
100,000 submitted responses (one coder, one or two of ten codes each; a second
coder on one answer in ten, so agreement is worked out), then runs
``export_responses`` (CSV) in a fresh subprocess per export, so that peak
memory (VmHWM) belongs to one export alone:
- ``csv``: the export as it is;
- ``csv-whole-wave``: the baseline, the agreed codings of the whole wave
  loaded at once before the first row, as the export did before the codings
  were loaded a chunk of rows at a time.
Target: peak memory at 100,000 at most 1.2x that at 10,000, as for the export
without codes (bench_exports.py). The coding rows are removed again at the end.
"""

import csv
import json
import os
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
WAVES = {"bench-10k": (10_000, 10), "bench-100k": (100_000, 100)}


def _coded(slug: str) -> int:
    """Code every free-text answer of the wave; the number of codings made."""
    from bench.bench_coding import _analyze, _code_in_bulk, _codebook, _staff
    from bench.bench_exports import wave_with_responses
    from coding.answers import answers_of
    from coding.models import Coding
    from survey.models import Question

    count, seed = WAVES[slug]
    wave = wave_with_responses(slug, count, seed=seed)
    _, codes = _codebook(wave)
    one, two = _staff("bench-coder-one"), _staff("bench-coder-two")
    if not Coding.objects.filter(question__wave=wave).exists():
        for number, question in enumerate(
            Question.objects.filter(wave=wave, type=Question.Type.LONG_TEXT)
        ):
            ids = list(answers_of(question).values_list("pk", flat=True))
            _code_in_bulk(question, one, ids, codes, seed=number)
            _code_in_bulk(question, two, ids[::10], codes, seed=100 + number)
        _analyze()
    return Coding.objects.filter(question__wave=wave).count()


def _whole_wave(slug: str) -> None:
    """Load the agreed codings of the whole wave at once, as the export once did.

    Replaces the coding app's registered export extension (a private list of
    the survey's, reached into here only) with one that answers every batch
    from a single lookup over the wave.
    """
    from survey.exports import extensions
    from survey.models import Response

    [coded] = extensions._extensions
    wave = Response.objects.filter(wave__slug=slug).submitted()
    loaded: dict = {}

    def cells(response_ids, names):
        if not loaded:
            loaded.update(coded.cells(wave, names))
        return loaded

    extensions._extensions[:] = [
        extensions.ExportExtension(columns=coded.columns, cells=cells)
    ]


def _child(mode: str, slug: str, output: str) -> None:
    """Run one export in this (fresh) process and print time and peak memory."""
    from bench.timing import child_setup, peak_rss_mb

    child_setup()
    from django.core.management import call_command

    if mode == "csv-whole-wave":
        _whole_wave(slug)
    started = time.perf_counter()
    call_command(
        "export_responses",
        "--wave",
        slug,
        "--format",
        "csv",
        "--output",
        output,
        "--quiet",
        stdout=open(os.devnull, "w"),
    )
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "peak_mb": peak_rss_mb()}))


def _measure(mode: str, slug: str, tmp: Path) -> dict:
    from bench.timing import in_subprocess

    output = tmp / f"{slug}-{mode}.csv"
    result = in_subprocess(__file__, mode, slug, str(output))
    with output.open(encoding="utf-8", newline="") as stream:
        header = next(csv.reader(stream))
    result["code_columns"] = sum(name.startswith("code__") for name in header)
    return result


def run(report):
    """Code the waves, export each both ways, then remove the coding rows."""
    try:
        _run(report)
    finally:
        from coding.models import Codebook, Coding

        Coding.objects.filter(question__wave__slug__in=WAVES).delete()
        Codebook.objects.filter(wave__slug__in=WAVES).delete()


def _run(report):
    import tempfile

    report.heading("Response export with a column per code (agreed coding)")
    started = time.perf_counter()
    for slug in WAVES:
        report.figure(f"codings in {slug}", _coded(slug), "codings")
    report.figure("Building the waves and codings", time.perf_counter() - started, "s")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        small = _measure("csv", "bench-10k", tmp)
        large = _measure("csv", "bench-100k", tmp)
        whole_small = _measure("csv-whole-wave", "bench-10k", tmp)
        whole_large = _measure("csv-whole-wave", "bench-100k", tmp)
    assert small["code_columns"] == large["code_columns"] == 10, (small, large)
    report.compare(
        "CSV with code columns, peak memory at 100,000",
        large["peak_mb"],
        small["peak_mb"],
        "MB",
        baseline_name="same export at 10,000",
        target="<= 1.2x",
    )
    report.compare(
        "Whole-wave lookup (former), peak memory at 100,000",
        whole_large["peak_mb"],
        whole_small["peak_mb"],
        "MB",
        baseline_name="same export at 10,000",
    )
    report.compare(
        "CSV with code columns, peak memory at 100,000",
        large["peak_mb"],
        whole_large["peak_mb"],
        "MB",
        baseline_name="whole-wave lookup at 100,000",
    )
    report.compare(
        "CSV with code columns, 100,000: time",
        large["seconds"],
        whole_large["seconds"],
        "s",
        baseline_name="whole-wave lookup at 100,000",
        target="< 30 s",
    )
    report.compare(
        "CSV with code columns, 10,000: time",
        small["seconds"],
        whole_small["seconds"],
        "s",
        baseline_name="whole-wave lookup at 10,000",
    )


if __name__ == "__main__" and len(sys.argv) == 5 and sys.argv[1] == "child":
    sys.path.insert(0, str(BASE_DIR))
    _child(sys.argv[2], sys.argv[3], sys.argv[4])
