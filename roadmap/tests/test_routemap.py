"""The route map's geometry, drawn from plain data without a database."""

from roadmap import routemap
from roadmap.routemap import LineSpec, StationInfo, StopSpec
from roadmap.routemap_svg import route_map_svg

LINES = [
    LineSpec("governance-leadership", "Governance and leadership", 1),
    LineSpec("policy-procedure", "Policy and procedure", 2),
    LineSpec("physical-environment", "Physical environment", 3),
    LineSpec("lived-experience", "Lived experience and co-production", 4),
    LineSpec("cross-sector-collaboration", "Cross-sector collaboration", 5),
    LineSpec("workforce-wellbeing", "Workforce development and staff wellbeing", 6),
    LineSpec("data-monitoring-evaluation", "Data, monitoring and evaluation", 7),
]
STOPS = [
    StopSpec("aware", "Trauma-aware"),
    StopSpec("informed", "Trauma-informed"),
    StopSpec("responsive", "Trauma-responsive"),
]


def _stations(route):
    return [station for line in route.lines for station in line.stations]


def test_seven_areas_make_seven_lines_through_21_named_stations():
    route = routemap.draw(LINES, STOPS)
    assert len(route.lines) == 7
    stations = _stations(route)
    assert len(stations) == 21
    # Line by line, in stage order: the order the links are tabbed through.
    assert stations[0].name == "Governance and leadership: trauma-aware"
    assert stations[4].accessible_name == "Policy and procedure: trauma-informed"
    assert stations[-1].name == "Data, monitoring and evaluation: trauma-responsive"


def test_across_stations_share_a_row_and_columns_line_up():
    route = routemap.draw(LINES, STOPS)
    for line in route.lines:
        assert len({s.y for s in line.stations}) == 1
        assert [s.x for s in line.stations] == sorted(s.x for s in line.stations)
        assert line.x1 < line.stations[0].x and line.stations[-1].x < line.x2 <= 940
    columns = {tuple(s.x for s in line.stations) for line in route.lines}
    assert len(columns) == 1
    rows = [line.y1 for line in route.lines]
    assert rows == sorted(rows) and rows[-1] < route.height
    assert [h.text for h in route.headers] == [
        "Starting out",
        "Trauma-aware",
        "Trauma-informed",
        "Trauma-responsive",
    ]


def test_down_layout_stays_narrow_and_runs_each_line_downwards():
    route = routemap.draw(LINES, STOPS, vertical=True)
    assert route.vertical and route.width == 300
    previous_end = 0
    for line in route.lines:
        ys = [s.y for s in line.stations]
        assert ys == sorted(ys) and len({s.x for s in line.stations}) == 1
        assert line.y1 > previous_end
        previous_end = line.y2
        for text in (*line.label, *(t for s in line.stations for t in s.texts)):
            # Text starts left of the edge with room for about 30 characters.
            assert text.x + 8 * len(text.text) <= route.width + 40
    assert route.height > previous_end


def test_long_area_names_wrap_onto_two_lines():
    assert routemap.wrap("Workforce development and staff wellbeing", 26) == [
        "Workforce development and",
        "staff wellbeing",
    ]
    route = routemap.draw(LINES, STOPS)
    assert len(route.lines[5].label) == 2
    assert len(route.lines[0].label) == 1


def test_marks_and_notes_are_shown_and_named():
    stations = {
        ("governance-leadership", "informed"): StationInfo(
            url="/x/", mark=routemap.HERE, notes=("2 case studies",)
        ),
        ("governance-leadership", "responsive"): StationInfo(mark=routemap.NEXT),
    }
    starts = {"policy-procedure": StationInfo(mark=routemap.HERE)}
    route = routemap.draw(LINES, STOPS, stations, starts=starts)
    here = route.lines[0].stations[1]
    assert here.accessible_name == (
        "Governance and leadership: trauma-informed (You are here, 2 case studies)"
    )
    assert [(t.text, t.kind) for t in here.texts] == [
        ("You are here", "mark"),
        ("2 case studies", "note"),
    ]
    assert route.lines[0].stations[2].texts[0].text == "Your next station"
    start = route.lines[1].start
    assert start.accessible_name == "Policy and procedure: starting out (You are here)"
    assert start.texts[0].text == "You are here"


def test_an_eighth_line_reuses_the_palette_and_adds_a_row():
    seven = routemap.draw(LINES, STOPS)
    eight = routemap.draw([*LINES, LineSpec("eighth", "An eighth area", 8)], STOPS)
    assert len(eight.lines) == 8
    assert eight.height > seven.height
    assert [line.colour for line in eight.lines] == [1, 2, 3, 4, 5, 6, 7, 1]


def test_svg_escapes_every_text_and_links_only_when_interactive():
    lines = [LineSpec("a", 'Tricky <script>"area"</script>', 1)]
    stations = {("a", "aware"): StationInfo(url="/s/?a=1&b=2", preview="<b>x</b>")}
    route = routemap.draw(lines, STOPS[:1], stations)
    svg = route_map_svg(
        route, prefix="m", title="T <i>", description="D", interactive=True
    )
    assert "<script>" not in svg and "<b>" not in svg and "<i>" not in svg
    assert 'href="/s/?a=1&amp;b=2"' in svg
    assert 'aria-label="Tricky &lt;script&gt;&quot;area&quot;&lt;/script&gt;: ' in svg
    assert 'role="group"' in svg and svg.count("<a ") == 1
    still = route_map_svg(
        route, prefix="m", title="T", description="D", interactive=False
    )
    assert 'role="img"' in still and "<a " not in still
