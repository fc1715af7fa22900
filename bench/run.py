"""Run the benchmarks in bench/ on a throwaway database and print their figures.

Usage: python bench/run.py [NAME ...]   (NAME is a module bench/bench_NAME.py)

Each module defines ``run(report)``; it measures our code and, in the same run, a
baseline, and calls ``report.compare(...)`` so every figure is printed beside
its baseline. Results are also written to bench/results/latest.json.
"""

import importlib
import json
import os
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tilondon.test_settings")


class Report:
    """Collects and prints figures, each beside the baseline measured with it."""

    def __init__(self):
        self.rows = []
        self.section = ""

    def heading(self, title: str) -> None:
        """Start a new group of figures."""
        self.section = title
        print(f"\n== {title}")

    def figure(self, name: str, value: float, unit: str) -> None:
        """Print a figure that has no baseline of its own (a count, a total)."""
        self.rows.append(
            {"section": self.section, "name": name, "value": value, "unit": unit}
        )
        print(f"  {name}: {value:,.2f} {unit}")

    def compare(
        self,
        name: str,
        value: float,
        baseline: float,
        unit: str,
        baseline_name: str = "baseline",
        target: str = "",
    ) -> None:
        """Print a figure, its baseline from the same run and their ratio."""
        ratio = value / baseline if baseline else float("inf")
        self.rows.append(
            {
                "section": self.section,
                "name": name,
                "value": value,
                "baseline": baseline,
                "baseline_name": baseline_name,
                "ratio": ratio,
                "unit": unit,
                "target": target,
            }
        )
        line = (
            f"  {name}: {value:,.2f} {unit}  |  {baseline_name}: "
            f"{baseline:,.2f} {unit}  |  ratio {ratio:,.2f}x"
        )
        if target:
            line += f"  |  target {target}"
        print(line)


def main(names: list[str]) -> int:
    """Create a throwaway database, run each benchmark module and drop it."""
    import django

    django.setup()
    from django.db import connection

    if not names:
        names = sorted(
            p.stem[len("bench_") :] for p in BASE_DIR.glob("bench/bench_*.py")
        )
    if not names:
        print("No benchmarks found in bench/.")
        return 1

    report = Report()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    started = time.perf_counter()
    try:
        for name in names:
            module = importlib.import_module(f"bench.bench_{name}")
            module.run(report)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"\nAll benchmarks took {time.perf_counter() - started:,.1f} s")
    results = BASE_DIR / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "latest.json").write_text(json.dumps(report.rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
