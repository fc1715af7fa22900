"""Geometry of the dashboard's SVG charts, worked out on the server.

Templates draw these with presentation attributes and classes from
staff/admin.css only (the CSP forbids inline style), and each chart has a
data table beside it.
"""

from dataclasses import dataclass

from vocabulary.choices import Borough

WIDTH = 640
LABEL_WIDTH = 230
BAR_AREA = WIDTH - LABEL_WIDTH - 60
ROW = 28
BAR = 18

# A tile grid of London's 33 local authority areas (row, column): each area
# keeps its neighbours roughly where they are on a real map.
TILE_GRID = {
    Borough.ENFIELD: (0, 4),
    Borough.HARROW: (1, 2),
    Borough.BARNET: (1, 3),
    Borough.HARINGEY: (1, 4),
    Borough.WALTHAM_FOREST: (1, 5),
    Borough.HILLINGDON: (2, 0),
    Borough.EALING: (2, 1),
    Borough.BRENT: (2, 2),
    Borough.CAMDEN: (2, 3),
    Borough.ISLINGTON: (2, 4),
    Borough.HACKNEY: (2, 5),
    Borough.REDBRIDGE: (2, 6),
    Borough.HAVERING: (2, 7),
    Borough.HOUNSLOW: (3, 0),
    Borough.HAMMERSMITH_AND_FULHAM: (3, 1),
    Borough.KENSINGTON_AND_CHELSEA: (3, 2),
    Borough.WESTMINSTER: (3, 3),
    Borough.CITY_OF_LONDON: (3, 4),
    Borough.TOWER_HAMLETS: (3, 5),
    Borough.NEWHAM: (3, 6),
    Borough.BARKING_AND_DAGENHAM: (3, 7),
    Borough.RICHMOND: (4, 1),
    Borough.WANDSWORTH: (4, 2),
    Borough.LAMBETH: (4, 3),
    Borough.SOUTHWARK: (4, 4),
    Borough.LEWISHAM: (4, 5),
    Borough.GREENWICH: (4, 6),
    Borough.BEXLEY: (4, 7),
    Borough.KINGSTON: (5, 1),
    Borough.MERTON: (5, 2),
    Borough.SUTTON: (5, 3),
    Borough.CROYDON: (5, 4),
    Borough.BROMLEY: (5, 5),
}
TILE_ABBREVIATIONS = {
    Borough.BARKING_AND_DAGENHAM: "B&D",
    Borough.CITY_OF_LONDON: "City",
    Borough.HAMMERSMITH_AND_FULHAM: "H&F",
    Borough.KENSINGTON_AND_CHELSEA: "K&C",
    Borough.HARINGEY: "Hgy",
    Borough.HARROW: "Hrw",
    Borough.HAVERING: "Hav",
    Borough.HACKNEY: "Hck",
    Borough.HOUNSLOW: "Hns",
    Borough.HILLINGDON: "Hil",
    Borough.WALTHAM_FOREST: "WF",
    Borough.TOWER_HAMLETS: "TH",
    Borough.WANDSWORTH: "Wan",
    Borough.WESTMINSTER: "Wst",
    Borough.BARNET: "Bar",
    Borough.BEXLEY: "Bex",
    Borough.BRENT: "Bre",
    Borough.BROMLEY: "Bro",
    Borough.CAMDEN: "Cam",
    Borough.CROYDON: "Cro",
    Borough.EALING: "Eal",
    Borough.ENFIELD: "Enf",
    Borough.GREENWICH: "Gre",
    Borough.ISLINGTON: "Isl",
    Borough.KINGSTON: "Kin",
    Borough.LAMBETH: "Lam",
    Borough.LEWISHAM: "Lew",
    Borough.MERTON: "Mer",
    Borough.NEWHAM: "New",
    Borough.REDBRIDGE: "Red",
    Borough.RICHMOND: "Ric",
    Borough.SOUTHWARK: "Sou",
    Borough.SUTTON: "Sut",
}
TILE = 64
TILE_GAP = 4


@dataclass
class HBar:
    """One labelled horizontal bar."""

    label: str
    value: float
    text: str
    y: int
    width: int
    label_y: int


@dataclass
class BarChart:
    """Horizontal bars, one per row."""

    width: int
    height: int
    label_width: int
    bars: list[HBar]


def bar_chart(rows: list[tuple[str, float, str]], maximum: float | None = None):
    """Bars for (label, value, text shown at the bar's end), scaled to the largest."""
    top = max([value for _, value, _ in rows] + [maximum or 0, 1])
    bars = [
        HBar(
            label=label,
            value=value,
            text=text,
            y=8 + index * ROW,
            width=round(BAR_AREA * value / top),
            label_y=8 + index * ROW + 13,
        )
        for index, (label, value, text) in enumerate(rows)
    ]
    return BarChart(
        width=WIDTH, height=16 + len(rows) * ROW, label_width=LABEL_WIDTH, bars=bars
    )


def column_chart(days: list[tuple[str, int, int]]):
    """Paired columns per day: started (lighter) and submitted (darker)."""
    plot_height = 160
    top = max([max(started, submitted) for _, started, submitted in days] + [1])
    slot = max(4, min(40, (WIDTH - 40) // max(len(days), 1)))
    columns = []
    for index, (day, started, submitted) in enumerate(days):
        x = 40 + index * slot
        started_height = round(plot_height * started / top)
        submitted_height = round(plot_height * submitted / top)
        columns.append(
            {
                "day": day,
                "x": x,
                "half": max(1, slot // 2 - 1),
                "started": started,
                "submitted": submitted,
                "started_y": 10 + plot_height - started_height,
                "started_height": started_height,
                "submitted_y": 10 + plot_height - submitted_height,
                "submitted_height": submitted_height,
            }
        )
    return {
        "width": max(WIDTH, 40 + len(days) * slot),
        "height": plot_height + 40,
        "baseline": 10 + plot_height,
        "top": top,
        "columns": columns,
    }


def _tiles(shades: dict[str, int], values: dict[str, int], key: str, css: str):
    """The tile grid, a tile per local authority area with its shade (0 to 4)."""
    labels = dict(Borough.choices)
    tiles = []
    for code, (row, column) in TILE_GRID.items():
        shade = shades[code]
        tiles.append(
            {
                "code": code,
                "name": labels[code],
                "abbreviation": TILE_ABBREVIATIONS[code],
                key: values.get(code, 0),
                "x": column * (TILE + TILE_GAP),
                "y": row * (TILE + TILE_GAP),
                "css": css.format(shade=shade),
                "dark": shade >= 3,
            }
        )
    return {
        "width": 8 * (TILE + TILE_GAP),
        "height": 6 * (TILE + TILE_GAP),
        "size": TILE,
        "tiles": tiles,
    }


def tile_map(counts: dict[str, int]):
    """A tile per local authority area, shaded in five steps up to the largest."""
    top = max([counts.get(code, 0) for code in TILE_GRID] + [0])
    shades = {}
    for code in TILE_GRID:
        count = counts.get(code, 0)
        shades[code] = 0 if not count or not top else min(4, 1 + (4 * count - 1) // top)
    return _tiles(shades, counts, "count", "staff-tile staff-tile-{shade}")


def coverage_map(percents: dict[str, int]):
    """A tile per local authority area, shaded by the share of its target reached.

    Steps: none (0%), under a third, under two thirds, under all, all (100%).
    """
    shades = {}
    for code in TILE_GRID:
        percent = percents.get(code, 0)
        if percent >= 100:
            shades[code] = 4
        elif percent == 0:
            shades[code] = 0
        else:
            shades[code] = 1 + min(2, 3 * percent // 100)
    return _tiles(
        shades,
        percents,
        "percent",
        "staff-tile staff-tile-{shade} staff-coverage-{shade}",
    )
