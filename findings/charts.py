"""The geometry of a findings chart: horizontal percentage bars, drawn as SVG.

Each label sits above its bar so long answer wording is never cut short; a
row whose count is hidden gets no bar, only its words. Every chart has the
same figures in a data table beside it.
"""

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
