"""The route map shaded by the newest published survey figures (findings.baseline)."""

import html
import re
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from findings.models import FindingsRelease
from roadmap.journey_map import SHADE_BANDS, draw_journey_map, shade_band
from roadmap.models import DomainDescription, StageDescription
from roadmap.routemap_svg import route_map_svg

pytestmark = pytest.mark.django_db

JOURNEY = reverse("roadmap:journey")


def _seed_demo_release() -> FindingsRelease:
    from findings.demo import BASELINE_SLUG, seed_demo

    seed_demo()
    return FindingsRelease.objects.get(wave__slug=BASELINE_SLUG)


@pytest.fixture
def demo(content):
    """The seeded demo release, published, beside the real roadmap content."""
    return _seed_demo_release()


def _found(percent, *, is_demo=False, said="said yes"):
    """What findings.baseline.station_baseline gives for one area."""
    return {
        "said": said,
        "percent": percent,
        "base": 120,
        "wave_name": "Spring 2026",
        "published_at": None,
        "is_demo": is_demo,
        "release_url": "/findings/spring-2026/",
        "sector": None,
    }


def _draw(survey):
    return draw_journey_map(
        domains=list(DomainDescription.objects.all()),
        stages=list(StageDescription.objects.all()),
        cells={},
        survey=survey,
    )


def _line(journey_map, key, vertical=False):
    route = journey_map.vertical if vertical else journey_map.horizontal
    return next(line for line in route.lines if line.key == key)


def _across(page):
    return page.split("til-map__view--across", 1)[1].split("til-map__view--down")[0]


def test_shade_bands_run_from_0_to_100_percent_and_none_is_no_shade():
    assert [shade_band(p) for p in (0, 24, 25, 49, 50, 74, 75, 100)] == [
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
    ]
    assert shade_band(None) == 0
    assert [band for band, _ in SHADE_BANDS] == [1, 2, 3, 4]


def test_a_published_figure_shades_the_lines_stations_and_is_printed_and_named(
    content,
):
    journey_map = _draw(
        {"governance_leadership": _found(42, said="said they have a leader")}
    )
    for vertical in (False, True):
        line = _line(journey_map, "governance-leadership", vertical)
        assert line.figure.text == "Survey: 42%"
        assert {s.shade for s in line.stations} == {2}
    station = _line(journey_map, "governance-leadership").stations[0]
    assert station.accessible_name == (
        "Governance and leadership: trauma-aware (survey: 42% said they have a leader)"
    )
    assert journey_map.survey_release["wave_name"] == "Spring 2026"
    assert [title for title, _ in journey_map.survey] == ["Governance and leadership"]


def test_a_suppressed_figure_says_not_shown_and_is_never_shaded(content):
    journey_map = _draw({"governance_leadership": _found(None)})
    line = _line(journey_map, "governance-leadership")
    assert line.figure.text == "Survey: Not shown"
    assert {s.shade for s in line.stations} == {0}
    assert line.stations[1].accessible_name == (
        "Governance and leadership: trauma-informed "
        "(survey: figure not shown, too few answered)"
    )
    svg = route_map_svg(
        journey_map.horizontal, prefix="m", title="T", description="D", interactive=True
    )
    assert "til-map__station--shade" not in svg
    assert "Survey: Not shown" in svg


def test_an_area_with_no_mapped_question_shows_nothing(content):
    journey_map = _draw({"governance_leadership": _found(80)})
    line = _line(journey_map, "policy-procedure")
    assert line.figure is None
    assert {s.shade for s in line.stations} == {0}
    assert line.stations[0].accessible_name == "Policy and procedure: trauma-aware"
    # Its name takes no extra room either: the same as a map with no figures.
    plain = _draw({})
    assert _line(plain, "policy-procedure").label == line.label
    assert plain.vertical.height < journey_map.vertical.height
    assert plain.survey == () and plain.survey_release is None


def test_a_demo_release_is_named_demo_on_the_map(content):
    journey_map = _draw({"governance_leadership": _found(10, is_demo=True)})
    line = _line(journey_map, "governance-leadership")
    assert line.figure.text == "Survey (demo): 10%"
    assert "(demo survey: 10% said yes)" in line.stations[0].accessible_name


def test_the_figure_fits_under_the_name_within_the_map(content):
    journey_map = _draw({code: _found(None) for code in ("workforce_wellbeing",)})
    for vertical in (False, True):
        route = journey_map.vertical if vertical else journey_map.horizontal
        line = _line(journey_map, "workforce-wellbeing", vertical)
        assert line.figure.y > max(t.y for t in line.label)
        assert line.figure.x + 8 * len(line.figure.text) <= route.width
    across = _line(journey_map, "workforce-wellbeing")
    # Across, the name and figure stay beside their own line, clear of the next.
    assert across.figure.y < across.y1 + 40
    assert across.label[0].y > across.y1 - 40


def test_the_journey_page_shades_each_line_by_the_published_snapshot(client, demo):
    response = client.get(JOURNEY)
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    across = _across(page)
    measures = demo.snapshot["measures"]
    assert len(measures) == 7
    for measure in measures:
        percent = measure["overall"]["percent"]
        slug = measure["domain"].replace("_", "-")
        line = across.split(f'href="/roadmap/journey/{slug}/', 1)[0]
        line = line.rsplit('<g class="til-map__line ', 1)[1]
        assert f"Survey (demo): {percent}%" in line
        stations = re.findall(
            rf'<a class="til-map__station([^"]*)" href="/roadmap/journey/{slug}/'
            r'[^"]*" aria-label="([^"]*)"',
            across,
        )
        assert len(stations) == 3
        for css, name in stations:
            assert css == f" til-map__station--shade-{shade_band(percent)}"
            assert f"(demo survey: {percent}% {measure['said']})" in html.unescape(name)
    key = page.split('id="survey-shading"', 1)[1]
    assert "Shading: what the survey found (demo data)" in key
    assert demo.wave.name in html.unescape(key)
    assert demo.snapshot["published_at"] is not None
    assert "Demo data" in key
    assert f'href="{demo.get_absolute_url()}#self-assessment"' in key
    assert "style=" not in page and "<script>" not in page


def test_the_shading_table_gives_each_areas_figure_and_base(client, demo):
    page = html.unescape(client.get(JOURNEY).content.decode())
    table = page.split('id="survey-shading"', 1)[1].split("</table>", 1)[0]
    for measure in demo.snapshot["measures"]:
        assert (
            f'<td class="govuk-table__cell govuk-table__cell--numeric">'
            f"{measure['overall']['percent']}%</td>"
        ) in table
    assert table.count("<tr") == 1 + 7
    assert f">{demo.snapshot['respondents']['count']}</td>" in table


def test_no_published_release_leaves_the_map_unshaded(client, demo, analyst):
    from findings.services import release_unpublish

    release_unpublish(release=demo, user=analyst)
    assert not FindingsRelease.objects.published().exists()
    page = client.get(JOURNEY).content.decode()
    assert "til-map__station--shade" not in page
    assert "survey-shading" not in page
    assert "til-map__note--figure" not in page


def test_the_shaded_journey_runs_a_fixed_number_of_queries(
    client, content, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as unshaded:
        client.get(JOURNEY)
    # Counted now: each request clears Django's query log.
    before = len(unshaded)
    assert "til-map__station--shade" not in client.get(JOURNEY).content.decode()
    assert _seed_demo_release().is_published
    # The one query for the figures runs with or without a release to read.
    with django_assert_max_num_queries(before):
        page = client.get(JOURNEY).content.decode()
    assert page.count("til-map__note--figure") == 2 * 7
    with django_assert_max_num_queries(5):
        client.get(JOURNEY)
