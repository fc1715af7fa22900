"""What the findings pages show of a snapshot: pure functions, no database.

The release page leads with the main points and one picture of agreement;
each section opens in place to its tables, and its charts have a page of
their own. Everything is read from the published snapshot only.
"""

import datetime as dt

from findings.agreement import picture
from findings.charts import cell_text, percent_chart, small_multiples
from findings.release import OTHER_STATEMENTS, SECTIONS, SECTOR_LABELS
from vocabulary.choices import Domain

DEMO_MARK = " (demo data)"
SECTION_TITLES = dict(
    [(code, title) for code, title, _ in SECTIONS] + [OTHER_STATEMENTS]
)
# Sections whose statements the agreement picture already draws.
IN_PICTURE = {"four_rs", "principles", "other_statements"}


def demo_mark(snapshot: dict) -> str:
    """Appended to every heading, caption and chart name of a demo release."""
    return DEMO_MARK if snapshot.get("is_demo") else ""


def chart_tables(snapshot: dict) -> list[dict]:
    """Every table of the snapshot with its bar chart and an id for the page."""
    return [
        {
            **table,
            "chart": percent_chart(table["rows"]),
            "id": table["key"].replace(":", "-"),
        }
        for table in snapshot.get("tables", [])
    ]


def sections_of(tables: list[dict]) -> list[dict]:
    """The question sections, in order, each with its tables."""
    sections = []
    for code, title in SECTION_TITLES.items():
        in_section = [t for t in tables if t["section"] == code]
        if in_section:
            sections.append(
                {
                    "code": code,
                    "title": title,
                    "tables": in_section,
                    "in_picture": code in IN_PICTURE,
                }
            )
    return sections


def measure_text(row: dict) -> str:
    """A sector's percentage, or why there is none."""
    if row["percent"] is not None:
        return f"{row['percent']}%"
    if row["count"] is None:
        return cell_text(row)
    return "too few to show a percentage"


def sector_panels(snapshot: dict) -> list[tuple[str, list[dict]]]:
    """For each self-assessment area, each sector's percentage: the multiples."""
    panels = []
    for measure in snapshot.get("measures", []):
        rows = [
            {
                "label": SECTOR_LABELS[row["sector"]],
                "percent": row["percent"],
                "text": measure_text(row),
            }
            for row in measure["rows"]
        ]
        panels.append((f"{Domain(measure['domain']).label}: {measure['said']}", rows))
    return panels


def release_context(snapshot: dict) -> dict:
    """The template's view of a snapshot: main points, picture, sections, measures."""
    tables = chart_tables(snapshot)
    measures = snapshot.get("measures", [])
    sectors = [row["sector"] for row in measures[0]["rows"]] if measures else []
    measure_rows = [
        {
            "domain": Domain(m["domain"]).label,
            "said": m["said"],
            "cells": [{"text": measure_text(row)} for row in m["rows"]],
        }
        for m in measures
    ]
    panels = sector_panels(snapshot)
    return {
        "snapshot": snapshot,
        "mark": demo_mark(snapshot),
        "main_points": snapshot.get("main_points", []),
        "agreement": picture(snapshot),
        "headline": [t for t in tables if t["section"] == "headline"],
        "sections": sections_of(tables),
        "measure_rows": measure_rows,
        "measure_sectors": [SECTOR_LABELS[s] for s in sectors],
        "multiples": small_multiples(panels) if panels else None,
        "published_on": _date(snapshot.get("published_at")),
        "opens_on": _date(snapshot.get("wave", {}).get("opens_at")),
        "closes_on": _date(snapshot.get("wave", {}).get("closes_at")),
    }


def section_context(snapshot: dict, code: str) -> dict | None:
    """One section's charts and tables, for its own page; None if it has none."""
    section = next(
        (s for s in sections_of(chart_tables(snapshot)) if s["code"] == code), None
    )
    if section is None:
        return None
    return {"snapshot": snapshot, "mark": demo_mark(snapshot), "section": section}


def _date(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None
