"""The geometry of a findings chart: horizontal percentage bars, drawn as SVG.

Each label sits above its bar so long answer wording is never cut short; a
row whose count is hidden gets no bar, only its words. Every chart has the
same figures in a data table beside it.
"""

import textwrap
from dataclasses import dataclass

WIDTH = 640
LEFT = 8
PLOT = 520
ROW = 48
BAR = 18

STATUS_TEXT = {"fewer_than_10": "fewer than 10", "hidden": "hidden"}


@dataclass(frozen=True)
class Bar:
    """One answer's row: label, bar and the value written at its end."""

    label: str
    text: str
    label_y: int
    bar_y: int
    width: int
    text_x: int
    text_y: int


@dataclass(frozen=True)
class PercentChart:
    """Everything the SVG template needs."""

    width: int
    height: int
    bars: list[Bar]
    description: str


def cell_text(row: dict) -> str:
    """How a count reads: the number, or why it is not shown."""
    if row["count"] is None:
        return STATUS_TEXT[row["status"]]
    if row["percent"] is None:
        return f"{row['count']:,}"
    return f"{row['percent']}% ({row['count']:,})"


def percent_chart(rows: list[dict]) -> PercentChart:
    """Bars for each row's percentage; hidden rows say so instead."""
    bars = []
    for index, row in enumerate(rows):
        top = index * ROW + 18
        width = round(PLOT * (row["percent"] or 0) / 100)
        bars.append(
            Bar(
                label=row["label"],
                text=cell_text(row),
                label_y=top,
                bar_y=top + 8,
                width=width,
                text_x=LEFT + width + 6,
                text_y=top + 8 + BAR - 4,
            )
        )
    description = " ".join(f"{b.label}: {b.text}." for b in bars)
    return PercentChart(
        width=WIDTH, height=len(rows) * ROW + 12, bars=bars, description=description
    )


MULTIPLE_WIDTH = 470
MULTIPLE_LABEL = 200
MULTIPLE_PLOT = 180
MULTIPLE_ROW = 22
MULTIPLE_CHARS = 58


@dataclass(frozen=True)
class Panel:
    """One small multiple: a title and a bar per group, on the shared scale."""

    x: int
    y: int
    lines: list[str]
    bars: list[Bar]
    axis_top: int
    axis_bottom: int

    @property
    def title_lines(self) -> list[tuple[str, int]]:
        """Each line of the title with its baseline."""
        return [(line, 14 + 18 * index) for index, line in enumerate(self.lines)]


@dataclass(frozen=True)
class Multiples:
    """Panels side by side, two to a row, every bar on one 0 to 100% scale."""

    width: int
    height: int
    plot_left: int
    plot_width: int
    panels: list[Panel]
    description: str


def small_multiples(panels: list[tuple[str, list[dict]]]) -> Multiples:
    """A panel per (title, rows); each row has a label, percent and its text."""
    laid_out = []
    y = 0
    height = 0
    for index, (title, rows) in enumerate(panels):
        column = index % 2
        if column == 0:
            y += height
        lines = textwrap.wrap(title, MULTIPLE_CHARS)
        top = 8 + 18 * len(lines)
        bars = []
        for number, row in enumerate(rows):
            row_y = top + number * MULTIPLE_ROW
            width = round(MULTIPLE_PLOT * (row["percent"] or 0) / 100)
            bars.append(
                Bar(
                    label=row["label"],
                    text=row["text"],
                    label_y=row_y + 14,
                    bar_y=row_y + 3,
                    width=width,
                    text_x=MULTIPLE_LABEL + width + 6,
                    text_y=row_y + 14,
                )
            )
        panel_height = top + len(rows) * MULTIPLE_ROW + 24
        height = max(height if column else 0, panel_height)
        laid_out.append(
            Panel(
                x=column * (MULTIPLE_WIDTH + 20),
                y=y,
                lines=lines,
                bars=bars,
                axis_top=top,
                axis_bottom=top + len(rows) * MULTIPLE_ROW,
            )
        )
    description = " ".join(
        f"{' '.join(p.lines)}: "
        + "; ".join(f"{b.label} {b.text}" for b in p.bars)
        + "."
        for p in laid_out
    )
    return Multiples(
        width=2 * MULTIPLE_WIDTH + 20,
        height=y + height,
        plot_left=MULTIPLE_LABEL,
        plot_width=MULTIPLE_PLOT,
        panels=laid_out,
        description=description,
    )
