"""The geometry of a diverging stacked bar chart, drawn as SVG on the server.

Each row is one statement: the disagreeing answers run left of a centre line,
the agreeing answers right of it, the neutral answer straddles the line, and
the answers off the scale ("don't know", not answered) sit in a panel to the
side, on the same scale. Rows are grouped under headings. Pure: no database,
no request, so the public findings and the staff dashboard can both use it.

Fills are presentation attributes (the CSP forbids inline style), chosen so the
five steps of the scale stay apart in greyscale: dark, light, lighter, light,
dark, with the two sides told apart by the centre line.
"""

import textwrap
from dataclasses import dataclass, field

WIDTH = 960
LABEL_WIDTH = 330
PLOT_LEFT = 340
PLOT_WIDTH = 440
SIDE_LEFT = PLOT_LEFT + PLOT_WIDTH + 30
SIDE_WIDTH = WIDTH - SIDE_LEFT - 10
BAR = 20
LINE = 16
LABEL_CHARS = 44
HEADER = 84
GROUP = 34
# Fill and text colour of each step of the scale, then of the side answers.
SCALE_FILLS = [
    ("#801650", "#ffffff"),
    ("#e9a6c4", "#0b0c0c"),
    ("#d9d9d9", "#0b0c0c"),
    ("#9ec5e8", "#0b0c0c"),
    ("#12436d", "#ffffff"),
]
SIDE_FILLS = [("#6f777b", "#ffffff"), ("#f3f2f1", "#0b0c0c"), ("#b1b4b6", "#0b0c0c")]
# A percentage is written inside a segment only where it fits.
MIN_TEXT_WIDTH = 28


@dataclass(frozen=True)
class Segment:
    """One answer's part of a row: its box and, where it fits, its percentage."""

    name: str
    x: int
    width: int
    fill: str
    text_fill: str
    text: str
    title: str

    @property
    def centre(self) -> int:
        """Where the segment's percentage is written."""
        return self.x + self.width // 2

    @property
    def light_text(self) -> bool:
        """True where the percentage is written in white, on a dark fill."""
        return self.text_fill == "#ffffff"


@dataclass
class Row:
    """One statement: its wrapped label and its segments."""

    lines: list[str]
    label_y: int
    bar_y: int
    text_y: int
    base: str
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Group:
    """A heading and the statements under it."""

    title: str
    y: int
    rows: list[Row] = field(default_factory=list)


@dataclass(frozen=True)
class Key:
    """One entry of the legend."""

    name: str
    x: int
    y: int
    fill: str


@dataclass
class DivergingChart:
    """Everything the SVG template needs."""

    width: int
    height: int
    centre: int
    side_left: int
    axis_top: int
    axis_bottom: int
    groups: list[Group]
    keys: list[Key]
    description: str


def _extent(values: list[float | None], negative: int, neutral: int) -> tuple:
    """How far a row reaches left and right of the centre, in percent."""
    known = [v or 0 for v in values]
    half = sum(known[negative : negative + neutral]) / 2
    left = sum(known[:negative]) + half
    right = sum(known[negative + neutral : negative + neutral + negative]) + half
    return left, right


def diverging_chart(
    groups: list[tuple[str, list[tuple[str, str, list[float | None], list[str]]]]],
    names: list[str],
    *,
    scale: int = 5,
) -> DivergingChart:
    """Rows of (label, base text, percentages, texts) for each answer in ``names``.

    The first ``scale`` names are the scale (an odd number, neutral in the
    middle); the rest go to the side panel. A percentage of None (a hidden
    count) draws no segment; its text says why.
    """
    negative = scale // 2
    neutral = scale % 2
    reach = 10.0
    side_reach = 10.0
    for _, rows in groups:
        for _, _, values, _ in rows:
            left, right = _extent(values, negative, neutral)
            reach = max(reach, left, right)
            side_reach = max(side_reach, sum(v or 0 for v in values[scale:]))
    # One scale for both halves and the side panel, in whole tens.
    reach = 10 * -(-reach // 10)
    per_point = min((PLOT_WIDTH / 2) / reach, SIDE_WIDTH / (10 * -(-side_reach // 10)))
    centre = PLOT_LEFT + PLOT_WIDTH // 2
    fills = SCALE_FILLS if scale == len(SCALE_FILLS) else SCALE_FILLS[1:4]
    y = HEADER
    laid_out = []
    for title, rows in groups:
        group = Group(title=title, y=y + 20)
        y += GROUP
        for label, base, values, texts in rows:
            lines = textwrap.wrap(f"{label} ({base})", LABEL_CHARS)
            height = max(BAR + 12, LINE * len(lines) + 10)
            bar_y = y + (height - BAR) // 2
            row = Row(
                lines=lines,
                label_y=y + (height - LINE * len(lines)) // 2 + 12,
                bar_y=bar_y,
                text_y=bar_y + 15,
                base=base,
            )
            left, _ = _extent(values, negative, neutral)
            x = centre - left * per_point
            for index, name in enumerate(names[:scale]):
                row.segments.append(
                    _segment(
                        name, x, values[index], texts[index], fills[index], per_point
                    )
                )
                x += (values[index] or 0) * per_point
            x = SIDE_LEFT
            for offset, name in enumerate(names[scale:]):
                index = scale + offset
                row.segments.append(
                    _segment(
                        name,
                        x,
                        values[index],
                        texts[index],
                        SIDE_FILLS[offset % 3],
                        per_point,
                    )
                )
                x += (values[index] or 0) * per_point
            group.rows.append(row)
            y += height
        laid_out.append(group)
    keys = []
    key_x, key_y = 0, 4
    for index, name in enumerate(names):
        width = 18 + 7 * len(name) + 16
        if key_x + width > WIDTH:
            key_x, key_y = 0, key_y + 22
        fill = (fills + SIDE_FILLS)[index][0]
        keys.append(Key(name=name, x=key_x, y=key_y, fill=fill))
        key_x += width
    description = " ".join(
        f"{' '.join(row.lines)}: " + ", ".join(s.title for s in row.segments) + "."
        for group in laid_out
        for row in group.rows
    )
    return DivergingChart(
        width=WIDTH,
        height=y + 12,
        centre=centre,
        side_left=SIDE_LEFT,
        axis_top=HEADER - 4,
        axis_bottom=y + 4,
        groups=laid_out,
        keys=keys,
        description=description,
    )


def _segment(name, x, value, text, colours, per_point) -> Segment:
    fill, text_fill = colours
    width = round((value or 0) * per_point)
    return Segment(
        name=name,
        x=round(x),
        width=width,
        fill=fill,
        text_fill=text_fill,
        text=f"{value:.0f}%" if value is not None and width >= MIN_TEXT_WIDTH else "",
        title=f"{name} {text}",
    )
