"""The geometry of the journey's route map, drawn as SVG on the server.

Pure Python, no database: each area is a line, each stage a station on it. The
same data is laid out horizontally (wide screens, print) or vertically (narrow
screens); the templates only place what this module computes.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

# Horizontal layout: area names on the left, the stages in columns.
H_WIDTH = 940
H_LABEL_CHARS = 26
H_START_X = 280
H_FIRST_STATION_X = 420
H_STATION_GAP = 190
H_END_PAST = 60
H_TOP = 64
H_ROW = 78
# Vertical layout: one short line after another, stage names to the right.
V_WIDTH = 300
V_LABEL_CHARS = 30
V_LINE_X = 22
V_TEXT_X = 50
V_STOP_GAP = 58
V_BLOCK_GAP = 34
LABEL_LINE_HEIGHT = 20
NOTE_LINE_HEIGHT = 16
# Line colours cycle through the brand palette (static/src/site.scss).
COLOURS = 7

HERE = "here"
NEXT = "next"
THIS = "this"
MARK_LABELS = {HERE: "You are here", NEXT: "Your next station", THIS: "This station"}


@dataclass(frozen=True)
class LineSpec:
    """One area, to be drawn as a line."""

    key: str
    title: str
    number: int
    # A figure for the whole line ("42%", "Not shown"), printed under its name.
    figure: str = ""


@dataclass(frozen=True)
class StopSpec:
    """One stage, to be drawn as a station on every line."""

    key: str
    title: str


@dataclass(frozen=True)
class StationInfo:
    """What a station links to and says beyond its name."""

    url: str = ""
    preview: str = ""
    notes: tuple[str, ...] = ()
    mark: str = ""
    # A shade band (1 to 4, lightest first; 0 for none) and the words that
    # say the same in the station's accessible name.
    shade: int = 0
    shade_words: str = ""


@dataclass(frozen=True)
class Text:
    """A piece of text placed on the map."""

    x: int
    y: int
    text: str
    anchor: str = "start"
    kind: str = "note"


@dataclass(frozen=True)
class Station:
    """A placed station: a link with its full accessible name."""

    x: int
    y: int
    stop: str
    name: str
    stop_name: str
    accessible_name: str
    url: str
    preview: str
    mark: str
    texts: tuple[Text, ...]
    shade: int = 0


@dataclass(frozen=True)
class Start:
    """Where each line begins: "starting out", before the first stage."""

    x: int
    y: int
    mark: str
    accessible_name: str
    texts: tuple[Text, ...]


@dataclass(frozen=True)
class Line:
    """A placed line: its label, its track and its stations."""

    key: str
    title: str
    colour: int
    label: tuple[Text, ...]
    x1: int
    y1: int
    x2: int
    y2: int
    start: Start
    stations: tuple[Station, ...]
    figure: Text | None = None


@dataclass(frozen=True)
class RouteMap:
    """Everything the SVG template needs for one orientation."""

    width: int
    height: int
    vertical: bool
    headers: tuple[Text, ...]
    lines: tuple[Line, ...] = field(default_factory=tuple)


def wrap(text: str, width: int) -> list[str]:
    """Split text into lines of at most ``width`` characters, at spaces."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def lower_first(text: str) -> str:
    """ "Trauma-aware" as it reads mid-sentence: "trauma-aware"."""
    return text[:1].lower() + text[1:]


def station_name(line: LineSpec, stop: StopSpec) -> str:
    """A station's full name: "Governance and leadership: trauma-informed"."""
    return f"{line.title}: {lower_first(stop.title)}"


def _accessible_name(name: str, info: StationInfo) -> str:
    extra = [MARK_LABELS[info.mark]] if info.mark else []
    extra += list(info.notes)
    extra += [info.shade_words] if info.shade_words else []
    return f"{name} ({', '.join(extra)})" if extra else name


def _mark_texts(mark: str, notes: Sequence[str]) -> list[tuple[str, str]]:
    """A station's mark ("You are here") first, then its notes, with kinds."""
    marked = [(MARK_LABELS[mark], "mark")] if mark else []
    return marked + [(note, "note") for note in notes]


def draw(
    lines: Sequence[LineSpec],
    stops: Sequence[StopSpec],
    stations: Mapping[tuple[str, str], StationInfo] | None = None,
    *,
    starts: Mapping[str, StationInfo] | None = None,
    vertical: bool = False,
    figure_label: str = "",
) -> RouteMap:
    """Lay out one line per area through one station per stage.

    ``stations`` is keyed by (line key, stop key); ``starts`` by line key, for
    marks and notes at the start of a line (a result still starting out).
    ``figure_label`` names the lines' figures, each printed under its line's name.
    """
    stations = stations or {}
    starts = starts or {}
    if vertical:
        return _draw_vertical(lines, stops, stations, starts, figure_label)
    return _draw_horizontal(lines, stops, stations, starts, figure_label)


def _texts(x: int, top: int, texts, anchor: str = "start") -> tuple[Text, ...]:
    """A column of (text, kind) pairs, one note line apart, from ``top``."""
    return tuple(
        Text(x, top + n * NOTE_LINE_HEIGHT, text, anchor, kind)
        for n, (text, kind) in enumerate(texts)
    )


def _start(line: LineSpec, info: StationInfo, x: int, y: int, texts) -> Start:
    return Start(
        x=x,
        y=y,
        mark=info.mark,
        accessible_name=_accessible_name(f"{line.title}: starting out", info),
        texts=texts,
    )


def _station(
    line: LineSpec, stop: StopSpec, info: StationInfo, x: int, y: int, texts
) -> Station:
    name = station_name(line, stop)
    return Station(
        x=x,
        y=y,
        stop=stop.key,
        name=name,
        stop_name=lower_first(stop.title),
        accessible_name=_accessible_name(name, info),
        url=info.url,
        preview=info.preview,
        mark=info.mark,
        texts=texts,
        shade=info.shade,
    )


def _line(line: LineSpec, label, start, stations, ends, figure=None) -> Line:
    """A placed line; ``ends`` is its track's (x1, y1, x2, y2)."""
    colour = (line.number - 1) % COLOURS + 1
    return Line(
        line.key, line.title, colour, label, *ends, start, tuple(stations), figure
    )


def _figure_words(line: LineSpec, figure_label: str) -> str:
    return f"{figure_label}: {line.figure}" if figure_label else line.figure


def _draw_horizontal(lines, stops, stations, starts, figure_label) -> RouteMap:
    xs = [H_FIRST_STATION_X + n * H_STATION_GAP for n in range(len(stops))]
    end_x = (xs[-1] if xs else H_START_X) + H_END_PAST
    headers = [Text(H_START_X, 28, "Starting out", "middle")]
    headers += [
        Text(x, 28, stop.title, "middle") for x, stop in zip(xs, stops, strict=True)
    ]
    placed = []
    for index, line in enumerate(lines):
        y = H_TOP + index * H_ROW + 24
        label_lines = wrap(line.title, H_LABEL_CHARS)
        # A figure is one more line under the name; the block stays centred.
        rows = len(label_lines) + (1 if line.figure else 0)
        first_y = y + 5 - (rows - 1) * LABEL_LINE_HEIGHT // 2
        label = tuple(
            Text(0, first_y + n * LABEL_LINE_HEIGHT, text)
            for n, text in enumerate(label_lines)
        )
        figure = None
        if line.figure:
            below = first_y + len(label_lines) * LABEL_LINE_HEIGHT
            figure = Text(0, below, _figure_words(line, figure_label), kind="figure")
        info = starts.get(line.key, StationInfo())
        marks = _mark_texts(info.mark, info.notes)
        start = _start(
            line, info, H_START_X, y, _texts(H_START_X, y + 34, marks, "middle")
        )
        placed_stations = []
        for x, stop in zip(xs, stops, strict=True):
            info = stations.get((line.key, stop.key), StationInfo())
            marks = _mark_texts(info.mark, info.notes)
            texts = _texts(x, y + 34, marks, "middle")
            placed_stations.append(_station(line, stop, info, x, y, texts))
        ends = (H_START_X, y, end_x, y)
        placed.append(_line(line, label, start, placed_stations, ends, figure))
    height = H_TOP + len(lines) * H_ROW + 8
    return RouteMap(
        width=H_WIDTH,
        height=height,
        vertical=False,
        headers=tuple(headers),
        lines=tuple(placed),
    )


def _draw_vertical(lines, stops, stations, starts, figure_label) -> RouteMap:
    placed = []
    top = 8
    for line in lines:
        label_lines = wrap(line.title, V_LABEL_CHARS)
        label = tuple(
            Text(0, top + 16 + n * LABEL_LINE_HEIGHT, text)
            for n, text in enumerate(label_lines)
        )
        y0 = top + len(label_lines) * LABEL_LINE_HEIGHT + 22
        figure = None
        if line.figure:
            figure = Text(0, y0 - 6, _figure_words(line, figure_label), kind="figure")
            y0 += LABEL_LINE_HEIGHT
        info = starts.get(line.key, StationInfo())
        texts = [("Starting out", "stop"), *_mark_texts(info.mark, info.notes)]
        start = _start(line, info, V_LINE_X, y0, _texts(V_TEXT_X, y0 + 5, texts))
        placed_stations = []
        for n, stop in enumerate(stops, start=1):
            y = y0 + n * V_STOP_GAP
            info = stations.get((line.key, stop.key), StationInfo())
            texts = [(stop.title, "stop"), *_mark_texts(info.mark, info.notes)]
            texts = _texts(V_TEXT_X, y + 5, texts)
            placed_stations.append(_station(line, stop, info, V_LINE_X, y, texts))
        notes_below = max(
            [len(s.texts) for s in placed_stations] + [len(start.texts), 1]
        )
        y_end = y0 + len(stops) * V_STOP_GAP + 16
        ends = (V_LINE_X, y0, V_LINE_X, y_end)
        placed.append(_line(line, label, start, placed_stations, ends, figure))
        top = y_end + (notes_below - 1) * NOTE_LINE_HEIGHT + V_BLOCK_GAP
    return RouteMap(
        width=V_WIDTH,
        height=top,
        vertical=True,
        headers=(),
        lines=tuple(placed),
    )
