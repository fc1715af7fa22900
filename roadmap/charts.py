"""The geometry of the self-assessment chart, drawn as SVG on the server."""

from dataclasses import dataclass

from roadmap.scoring import STAGE_POSITIONS, StageReached

WIDTH = 640
LEFT = 8
PLOT_WIDTH = 600
TOP = 40
ROW_HEIGHT = 60
# A result of "Starting out" still shows a sliver, so the row is not read as missing.
MIN_BAR = 6
STEP = PLOT_WIDTH / (len(StageReached) - 1)


@dataclass(frozen=True)
class Bar:
    """One domain's row: its label, result and bar."""

    label: str
    result: str
    label_y: int
    bar_y: int
    bar_width: int
    text_x: int
    text_y: int
    text_inside: bool


@dataclass(frozen=True)
class Gridline:
    """A vertical line marking a stage, with its name at the top."""

    label: str
    x: int
    anchor: str


@dataclass(frozen=True)
class StageChart:
    """Everything the SVG template needs."""

    width: int
    height: int
    bars: list[Bar]
    gridlines: list[Gridline]
    axis_bottom: int


def stage_chart(rows: list[tuple[str, str]]) -> StageChart:
    """A horizontal bar per (domain title, stage reached code)."""
    bars = []
    for index, (title, reached) in enumerate(rows):
        top = TOP + index * ROW_HEIGHT
        position = STAGE_POSITIONS.get(StageReached(reached), 0)
        width = max(MIN_BAR, round(position * STEP))
        bar_y = top + 20
        text_inside = width > PLOT_WIDTH - 150
        bars.append(
            Bar(
                label=title,
                result=StageReached(reached).label,
                label_y=top + 14,
                bar_y=bar_y,
                bar_width=width,
                # Short bars carry their result to the right; long ones inside.
                text_x=LEFT + width - 8 if text_inside else LEFT + width + 8,
                text_y=bar_y + 16,
                text_inside=text_inside,
            )
        )
    gridlines = [
        Gridline(
            label=reached.label,
            x=round(LEFT + position * STEP),
            anchor="end" if position == len(StageReached) - 1 else "middle",
        )
        for reached, position in STAGE_POSITIONS.items()
        if position
    ]
    height = TOP + len(rows) * ROW_HEIGHT + 8
    return StageChart(
        width=WIDTH,
        height=height,
        bars=bars,
        gridlines=gridlines,
        axis_bottom=height - 8,
    )
