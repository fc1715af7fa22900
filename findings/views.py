"""Public findings pages: they read only the frozen snapshot of a published release."""

import csv
import datetime as dt

from django.http import Http404, HttpResponse
from django.shortcuts import render

from findings.charts import cell_text, percent_chart
from findings.coded_themes import theme_csv_rows
from findings.models import FindingsRelease
from findings.release import OTHER_STATEMENTS, SECTIONS, SECTOR_LABELS
from vocabulary.choices import Domain
from vocabulary.time import LONDON

SECTION_TITLES = dict(
    [(code, title) for code, title, _ in SECTIONS] + [OTHER_STATEMENTS]
)


def release_context(snapshot: dict) -> dict:
    """The template's view of a snapshot: headline, sections with charts, measures."""
    tables = [
        {
            **table,
            "chart": percent_chart(table["rows"]),
            "id": table["key"].replace(":", "-"),
        }
        for table in snapshot.get("tables", [])
    ]
    headline = [t for t in tables if t["section"] == "headline"]
    sections = []
    for code, title in SECTION_TITLES.items():
        in_section = [t for t in tables if t["section"] == code]
        if in_section:
            sections.append({"code": code, "title": title, "tables": in_section})
    measures = snapshot.get("measures", [])
    sectors = [row["sector"] for row in measures[0]["rows"]] if measures else []
    measure_rows = [
        {
            "domain": Domain(m["domain"]).label,
            "said": m["said"],
            "cells": [{"text": _measure_text(row)} for row in m["rows"]],
        }
        for m in measures
    ]
    return {
        "snapshot": snapshot,
        "headline": headline,
        "sections": sections,
        "measure_rows": measure_rows,
        "measure_sectors": [SECTOR_LABELS[s] for s in sectors],
        "published_on": _date(snapshot.get("published_at")),
        "opens_on": _date(snapshot.get("wave", {}).get("opens_at")),
        "closes_on": _date(snapshot.get("wave", {}).get("closes_at")),
    }


def _measure_text(row: dict) -> str:
    """A sector's percentage, or why there is none."""
    if row["percent"] is not None:
        return f"{row['percent']}%"
    if row["count"] is None:
        return cell_text(row)
    return "too few to show a percentage"


def _date(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _published(wave_slug: str) -> FindingsRelease:
    release = (
        FindingsRelease.objects.published()
        .filter(wave__slug=wave_slug)
        .only("snapshot", "status", "wave__slug", "wave__opens_at")
        .select_related("wave")
        .first()
    )
    if release is None:
        raise Http404("No published findings for that wave")
    return release


def release_list(request):
    """Every published release, newest wave first, or a plain 'not yet'."""
    releases = [
        {"url": r.get_absolute_url(), "snapshot": r.snapshot}
        for r in FindingsRelease.objects.published()
        .select_related("wave")
        .only("snapshot", "wave__slug", "wave__opens_at")
    ]
    return render(request, "findings/list.html", {"releases": releases})


def release_detail(request, wave_slug):
    """One published release, from its snapshot only."""
    release = _published(wave_slug)
    context = release_context(release.snapshot)
    context["release"] = release
    return render(request, "findings/detail.html", context)


def _london_date(stamp: str) -> str:
    """The London date of a stored ISO timestamp (just after midnight in summer,
    London is already a day ahead of UTC)."""
    if not stamp:
        return ""
    return dt.datetime.fromisoformat(stamp).astimezone(LONDON).date().isoformat()


def release_csv(request, wave_slug):
    """The published figures as CSV, after a short metadata header."""
    release = _published(wave_slug)
    snapshot = release.snapshot
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="findings-{snapshot["wave"]["slug"]}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(["# Trauma-Informed London survey findings"])
    writer.writerow(["# Wave", snapshot["wave"]["name"]])
    writer.writerow(["# Released", _london_date(snapshot.get("published_at", ""))])
    writer.writerow(["# Suppression rule", snapshot["suppression_rule"]])
    writer.writerow(
        ["# Source", request.build_absolute_uri(release.get_absolute_url())]
    )
    writer.writerow(
        [
            "section",
            "table",
            "question_code",
            "answer",
            "count",
            "percent",
            "base",
            "change_points",
        ]
    )
    for table in snapshot["tables"]:
        section = SECTION_TITLES.get(table["section"], "Who answered")
        for row in table["rows"]:
            change = row.get("change", {})
            writer.writerow(
                [
                    section,
                    table["title"],
                    table.get("code", ""),
                    row["label"],
                    row["count"] if row["count"] is not None else cell_text(row),
                    "" if row["percent"] is None else row["percent"],
                    "" if table["base"] is None else table["base"],
                    change.get("points", "not comparable" if change else ""),
                ]
            )
    for measure in snapshot["measures"]:
        for row in measure["rows"]:
            writer.writerow(
                [
                    "Beside the self-assessment",
                    f"{Domain(measure['domain']).label}: respondents who "
                    f"{measure['said']}",
                    measure["question"],
                    SECTOR_LABELS[row["sector"]],
                    row["count"] if row["count"] is not None else cell_text(row),
                    "" if row["percent"] is None else row["percent"],
                    "" if row["base_count"] is None else row["base_count"],
                    "",
                ]
            )
    writer.writerows(theme_csv_rows(snapshot, cell_text))
    return response
