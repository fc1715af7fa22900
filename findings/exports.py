"""The findings as CSV: the whole release, or one chart's data.

Every file opens with the same metadata lines (a demo release's first line says
its figures are synthetic) and carries an ``is_demo`` column on every row, so
a file loaded into a spreadsheet still says what it is.
"""

import csv
import datetime as dt

from findings.agreement import picture
from findings.charts import cell_text
from findings.coded_themes import theme_csv_rows
from findings.page import SECTION_TITLES, measure_text
from findings.release import SECTOR_LABELS
from vocabulary.choices import Domain
from vocabulary.time import LONDON

DEMO_CSV_LINE = (
    "# Demo data: these figures are synthetic demo data, made up for trying the "
    "site out. They are not real findings and describe no one."
)
RELEASE_COLUMNS = [
    "section",
    "table",
    "question_code",
    "answer",
    "count",
    "percent",
    "base",
    "change_points",
]


def london_date(stamp: str) -> str:
    """The London date of a stored ISO timestamp (just after midnight in summer,
    London is already a day ahead of UTC)."""
    if not stamp:
        return ""
    return dt.datetime.fromisoformat(stamp).astimezone(LONDON).date().isoformat()


def _count(row: dict):
    return row["count"] if row["count"] is not None else cell_text(row)


def _blank(value):
    return "" if value is None else value


def write_header(writer, snapshot: dict, source: str, chart: str = "") -> None:
    """The metadata lines every findings CSV starts with."""
    if snapshot.get("is_demo"):
        writer.writerow([DEMO_CSV_LINE])
    writer.writerow(["# Trauma-Informed London survey findings"])
    writer.writerow(["# Wave", snapshot["wave"]["name"]])
    writer.writerow(["# Released", london_date(snapshot.get("published_at", ""))])
    writer.writerow(["# Suppression rule", snapshot["suppression_rule"]])
    if chart:
        writer.writerow(["# Chart", chart])
    writer.writerow(["# Source", source])


def _answer_cells(table: dict, row: dict) -> list:
    """One answer's cells: question, code, answer, count, percent and base."""
    return [
        table["title"],
        table.get("code", ""),
        row["label"],
        _count(row),
        _blank(row["percent"]),
        _blank(table["base"]),
    ]


def release_rows(snapshot: dict):
    """Every published figure of the release, one row each."""
    for table in snapshot["tables"]:
        section = SECTION_TITLES.get(table["section"], "Who answered")
        for row in table["rows"]:
            change = row.get("change", {})
            yield [
                section,
                *_answer_cells(table, row),
                change.get("points", "not comparable" if change else ""),
            ]
    for measure in snapshot["measures"]:
        for row in measure["rows"]:
            yield [
                "Beside the self-assessment",
                f"{Domain(measure['domain']).label}: respondents who {measure['said']}",
                measure["question"],
                SECTOR_LABELS[row["sector"]],
                _count(row),
                _blank(row["percent"]),
                _blank(row["base_count"]),
                "",
            ]
    yield from theme_csv_rows(snapshot, cell_text)


def write_release(out, snapshot: dict, source: str) -> None:
    """The whole release as CSV."""
    writer = csv.writer(out)
    write_header(writer, snapshot, source)
    demo = "true" if snapshot.get("is_demo") else "false"
    writer.writerow([*RELEASE_COLUMNS, "is_demo"])
    for row in release_rows(snapshot):
        writer.writerow([*row, demo])


def chart_rows(snapshot: dict, chart: str) -> tuple[str, list[str], list[list]] | None:
    """A chart's title, columns and rows, or None for an unknown chart."""
    if chart == "agreement":
        drawn = picture(snapshot)
        if drawn is None:
            return None
        rows = [
            [
                r["group"],
                r["label"],
                r["code"],
                cell["label"],
                _count(cell),
                _blank(cell["percent"]),
                _blank(r["base"]),
            ]
            for r in drawn["rows"]
            for cell in r["rows"]
        ]
        return (
            "Agreement with each statement",
            [
                "group",
                "statement",
                "question_code",
                "answer",
                "count",
                "percent",
                "base",
            ],
            rows,
        )
    if chart == "self-assessment":
        rows = [
            [
                Domain(m["domain"]).label,
                m["said"],
                m["question"],
                SECTOR_LABELS[row["sector"]],
                _count(row),
                _blank(row["percent"]),
                _blank(row["base_count"]),
                measure_text(row),
            ]
            for m in snapshot.get("measures", [])
            for row in m["rows"]
        ]
        if not rows:
            return None
        return (
            "Beside the self-assessment, by sector",
            [
                "area",
                "respondents_who",
                "question_code",
                "sector",
                "count",
                "percent",
                "base",
                "shown_as",
            ],
            rows,
        )
    table = next(
        (t for t in snapshot["tables"] if t["key"].replace(":", "-") == chart), None
    )
    if table is None:
        return None
    rows = [_answer_cells(table, row) for row in table["rows"]]
    return (
        table["title"],
        ["table", "question_code", "answer", "count", "percent", "base"],
        rows,
    )


def write_chart(out, snapshot: dict, source: str, found: tuple) -> None:
    """One chart's data as CSV, with the release's metadata and demo marking."""
    title, columns, rows = found
    writer = csv.writer(out)
    write_header(writer, snapshot, source, chart=title)
    demo = "true" if snapshot.get("is_demo") else "false"
    writer.writerow([*columns, "is_demo"])
    for row in rows:
        writer.writerow([*row, demo])
