"""Coverage of an open wave: submitted responses by borough and sector against
the wave's target, the gaps, and the responses each collector brought."""

from dataclasses import dataclass

from staff import charts
from survey.exports.cells import cell_from_text
from survey.models import OTHER, Collector, Question, Response, Wave
from vocabulary.choices import LOCAL_AUTHORITY_AREAS, Borough

BOROUGH_LABELS = dict(Borough.choices)
AREAS = {str(code) for code in LOCAL_AUTHORITY_AREAS}


@dataclass(frozen=True)
class CoverageRow:
    """One local authority area: its count per sector and its coverage."""

    code: str
    name: str
    counts: list[int]
    target: int

    @property
    def cells(self) -> list[tuple[int, bool]]:
        """Each sector's count, and whether it reaches the target."""
        return [(n, n >= self.target) for n in self.counts]

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def percent(self) -> int:
        """Share of the area's targets reached, each sector capped at its target."""
        wanted = self.target * len(self.counts)
        if not wanted:
            return 100
        return int(100 * sum(min(n, self.target) for n in self.counts) / wanted)

    @property
    def gaps(self) -> list[int]:
        """Positions of the sectors below target."""
        return [i for i, n in enumerate(self.counts) if n < self.target]


def sectors_of(wave: Wave) -> list[tuple[str, str]]:
    """The sectors the wave's questionnaire offers, as (code, label).

    "Other" is left out: it is no sector a cascade can aim at, so it is
    counted apart from the target.
    """
    question = Question.objects.filter(wave=wave, code="sector").first()
    if question is None:
        return []
    return [
        (o["code"], o["label"])
        for o in question.options_with_labels()
        if o["code"] != OTHER
    ]


def coverage_for(wave: Wave) -> dict:
    """The coverage section of the dashboard for one wave (four queries)."""
    sectors = sectors_of(wave)
    counts = Response.objects.for_wave(wave).submitted_count_by_borough_and_sector()
    target = wave.coverage_target
    rows = [
        CoverageRow(
            code=code,
            name=BOROUGH_LABELS[code],
            counts=[counts.get((code, sector), 0) for sector, _ in sectors],
            target=target,
        )
        for code in LOCAL_AUTHORITY_AREAS
    ]
    labels = [label for _, label in sectors]
    # Areas with nothing yet are named once, not sector by sector.
    empty = [row.name for row in rows if row.total == 0]
    gaps = [
        {
            "name": row.name,
            "sectors": [(labels[i], row.counts[i]) for i in row.gaps],
        }
        for row in rows
        if row.gaps and row.total
    ]
    outside = {
        BOROUGH_LABELS[code]: sum(n for (b, _), n in counts.items() if b == code)
        for code in (Borough.PAN_LONDON, Borough.OUTSIDE_LONDON)
    }
    sector_codes = {code for code, _ in sectors}
    outside["In London, sector not listed (other or not answered)"] = sum(
        n
        for (b, sector), n in counts.items()
        if b in AREAS and sector not in sector_codes
    )
    cells = len(rows) * len(sectors)
    met = sum(1 for row in rows for _, reached in row.cells if reached)
    return {
        "target": target,
        "sectors": labels,
        "rows": rows,
        "sector_totals": [
            sum(row.counts[i] for row in rows) for i in range(len(labels))
        ],
        "cells": cells,
        "cells_met": met,
        "gaps": gaps,
        "empty": empty,
        "outside": outside,
        "map": charts.coverage_map({row.code: row.percent for row in rows}),
        **collectors_for(wave),
    }


def collectors_for(wave: Wave) -> dict:
    """Responses started and submitted through each collector, and directly."""
    figures = Response.objects.for_wave(wave).started_and_submitted_by_collector()
    rows = []
    for collector in Collector.objects.filter(wave=wave).order_by("name"):
        started, submitted = figures.get(collector.pk, (0, 0))
        rows.append(_collector_row(collector.name, collector.code, started, submitted))
    started, submitted = figures.get(None, (0, 0))
    rows.append(
        _collector_row("Direct (no link, or a link not in use)", "", started, submitted)
    )
    return {
        "collector_rows": rows,
        "collector_chart": charts.bar_chart(
            [
                (
                    row["name"],
                    row["submitted"],
                    f"{row['submitted']} of {row['started']}",
                )
                for row in rows
            ]
        ),
    }


def _collector_row(name: str, code: str, started: int, submitted: int) -> dict:
    drop_off = round(100 * (started - submitted) / started, 1) if started else 0.0
    return {
        "name": name,
        "code": code,
        "started": started,
        "submitted": submitted,
        "drop_off": drop_off,
    }


def coverage_csv_rows(coverage: dict) -> list[list]:
    """The coverage table as spreadsheet rows of safe cells."""
    header = ["Area", *coverage["sectors"], "Total", "Coverage (%)", "Target"]
    rows = [[cell_from_text(text) for text in header]]
    for row in coverage["rows"]:
        rows.append(
            [cell_from_text(row.name), *row.counts, row.total, row.percent, row.target]
        )
    return rows
