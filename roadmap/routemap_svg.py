"""The route map's SVG markup, written from roadmap.routemap's geometry.

Written in Python rather than the template language: a map is over a thousand
small elements, and building them with format_html keeps the map within its
budget (bench/bench_roadmap.py). Every text and attribute value is escaped.
"""

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from roadmap.routemap import Line, RouteMap, Station, Text


def _texts(texts: tuple[Text, ...]) -> str:
    return "".join(
        f'<text class="til-map__note til-map__note--{escape(t.kind)}" x="{t.x}" '
        f'y="{t.y}" text-anchor="{escape(t.anchor)}" aria-hidden="true">'
        f"{escape(t.text)}</text>"
        for t in texts
    )


def _station(station: Station, interactive: bool) -> str:
    css = "til-map__station"
    if station.mark:
        css += f" til-map__station--{escape(station.mark)}"
    if station.shade:
        css += f" til-map__station--shade-{int(station.shade)}"
    x, y = station.x, station.y
    body = (
        f'<circle class="til-map__focus" cx="{x}" cy="{y}" r="21"/>'
        f'<circle class="til-map__stop" cx="{x}" cy="{y}" r="11"/>'
    )
    if station.mark:
        body += f'<circle class="til-map__dot" cx="{x}" cy="{y}" r="5"/>'
    body += _texts(station.texts)
    if interactive and station.url:
        return (
            f'<a class="{css}" href="{escape(station.url)}" '
            f'aria-label="{escape(station.accessible_name)}" '
            f'data-name="{escape(station.name)}" '
            f'data-preview="{escape(station.preview)}">{body}</a>'
        )
    return f'<g class="{css}">{body}</g>'


def _line(line: Line, interactive: bool) -> str:
    start = line.start
    start_css = "til-map__start"
    start_role = ""
    if start.mark:
        start_css += f" til-map__start--{escape(start.mark)}"
        if interactive:
            start_role = f' role="img" aria-label="{escape(start.accessible_name)}"'
    labels = "".join(
        f'<text class="til-map__line-label" x="{t.x}" y="{t.y}" aria-hidden="true">'
        f"{escape(t.text)}</text>"
        for t in line.label
    )
    stations = "".join(_station(s, interactive) for s in line.stations)
    # Each station's accessible name carries the figure too.
    figure = _texts((line.figure,)) if line.figure else ""
    return (
        f'<g class="til-map__line til-map__line--{line.colour}">{labels}{figure}'
        f'<line class="til-map__track" x1="{line.x1}" y1="{line.y1}" '
        f'x2="{line.x2}" y2="{line.y2}"/>'
        f'<g class="{start_css}"{start_role}>'
        f'<rect class="til-map__terminus" x="{start.x - 5}" y="{start.y - 12}" '
        f'width="10" height="24"/>{_texts(start.texts)}</g>'
        f"{stations}</g>"
    )


def route_map_svg(
    route: RouteMap, *, prefix: str, title: str, description: str, interactive: bool
) -> SafeString:
    """The whole SVG for one orientation of the map.

    Interactive maps are a group of links; a map without links is one image.
    """
    headers = "".join(
        f'<text class="til-map__header" x="{t.x}" y="{t.y}" '
        f'text-anchor="{escape(t.anchor)}" aria-hidden="true">{escape(t.text)}</text>'
        for t in route.headers
    )
    lines = "".join(_line(line, interactive) for line in route.lines)
    return format_html(
        '<svg class="til-map__svg" viewBox="0 0 {width} {height}" width="{width}" '
        'height="{height}" role="{role}" aria-labelledby="{prefix}-title" '
        'aria-describedby="{prefix}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{prefix}-title">{title}</title>'
        '<desc id="{prefix}-desc">{description}</desc>{body}</svg>',
        width=route.width,
        height=route.height,
        role="group" if interactive else "img",
        prefix=prefix,
        title=title,
        description=description,
        body=mark_safe(headers + lines),  # noqa: S308 - every value escaped above
    )
