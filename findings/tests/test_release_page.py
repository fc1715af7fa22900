"""The release page a leader reads in five minutes: main points, picture, sections."""

import csv
import io
import re
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from findings.agreement import share_agreeing, statements
from findings.demo import synthetic_responses
from findings.models import FindingsMainPoint, FindingsRelease
from findings.services import ReleaseRefused, release_publish
from findings.tests.conftest import closed_wave

pytestmark = pytest.mark.django_db


def _page(client, release) -> str:
    response = client.get(release.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def _agreeing_by_hand(table: dict) -> int:
    """Agree plus strongly agree over the base, rounded half up, from the counts."""
    counts = {row["figure"].rsplit(":", 1)[1]: row["count"] for row in table["rows"]}
    total = counts["agree"] + counts["strongly_agree"]
    return (200 * total + table["base"]) // (2 * table["base"])


def test_main_points_come_first_with_the_snapshot_figure_and_say_demo(
    client, demo_release
):
    page = _page(client, demo_release)
    points = demo_release.snapshot["main_points"]
    assert 3 <= len(points) <= FindingsMainPoint.MAX_PER_RELEASE
    tables = {t["key"]: t for t in demo_release.snapshot["tables"]}
    first = points[0]
    expected = _agreeing_by_hand(tables["q:r_realise_1"])
    assert first["text"].startswith("Demo data: ")
    assert f"{expected}% agreed" in first["text"]
    for point in points:
        assert point["text"].startswith("Demo data: ")
        assert point["text"] in page.replace("&#x27;", "'")
    assert page.index('id="main-points"') < page.index('id="agreement"')


@pytest.mark.parametrize(
    ("text", "figure", "code"),
    [
        ("62% agreed that trauma is common.", "", "typed_figure"),
        (
            "{figure} agreed, up from 40 last year.",
            "agreeing:r_realise_1",
            "typed_figure",
        ),
        ("Most agreed that trauma is common.", "agreeing:r_realise_1", "placeholder"),
        ("{figure} agreed.", "", "no_figure"),
    ],
)
def test_a_main_point_never_types_its_figure(release, text, figure, code):
    point = FindingsMainPoint(release=release, text=text, figure=figure)
    with pytest.raises(ValidationError) as raised:
        point.full_clean()
    codes = [e.code for errors in raised.value.error_dict.values() for e in errors]
    assert codes == [code]


def test_the_4_rs_stay_a_valid_main_point(release):
    FindingsMainPoint(
        release=release,
        text="The 4 Rs: {figure} agreed.",
        figure="agreeing:r_realise_1",
    ).full_clean()


def test_publishing_is_refused_when_a_point_names_a_hidden_figure(analyst):
    wave = closed_wave("tiny-points")
    synthetic_responses(wave=wave, count=12, seed=3)
    release = FindingsRelease.objects.create(wave=wave, title="Tiny")
    FindingsMainPoint.objects.create(
        release=release, text="{figure} agreed.", figure="q:r_realise_1:disagree"
    )
    with pytest.raises(ReleaseRefused, match="Main point 1"):
        release_publish(release=release, user=analyst)
    release.refresh_from_db()
    assert not release.is_published


def test_the_admin_offers_the_waves_figures_for_a_main_point(analyst_client, release):
    page = analyst_client.get(
        reverse("admin:findings_findingsrelease_change", args=[release.pk])
    ).content.decode()
    assert 'value="agreeing:r_realise_1"' in page
    assert 'value="q:components_in_place:leadership_role"' in page


def test_one_diverging_chart_draws_every_statement_grouped_by_rs_and_principles(
    client, demo_release
):
    page = _page(client, demo_release)
    chart = page.split('<svg class="til-chart til-diverging"', 1)[1].split("</svg>")[0]
    found = statements(demo_release.snapshot)
    assert len(found) >= 10
    for statement in found:
        first_words = " ".join(statement["label"].split()[:4])
        assert first_words in chart.replace("&#x27;", "'")
    rs = chart.index("The 4 Rs (demo data)")
    principles = chart.index("The six principles (demo data)")
    assert rs < principles
    assert "Off the scale" in chart and "(base 300)" in chart
    # Its table is beside it, with the share agreeing and the base.
    assert "Agree or strongly agree" in page


def test_each_section_opens_in_place_and_has_a_page_of_charts(client, demo_release):
    page = _page(client, demo_release)
    sections = re.findall(r'<details class="govuk-details" id="([a-z_]+)"', page)
    assert sections[:2] == ["four_rs", "principles"] and "training" in sections
    for code in sections:
        response = client.get(
            reverse("findings:section", args=[demo_release.wave.slug, code])
        )
        assert response.status_code == HTTPStatus.OK
        html = response.content.decode()
        assert html.count("<svg") == html.count('<table class="govuk-table">') >= 1
        assert "Download this chart (SVG)" in html
    missing = client.get(
        reverse("findings:section", args=[demo_release.wave.slug, "no_such"])
    )
    assert missing.status_code == HTTPStatus.NOT_FOUND


def test_sector_comparisons_are_small_multiples_on_one_scale(client, demo_release):
    page = _page(client, demo_release)
    chart = page.split('<svg class="til-chart til-multiples"', 1)[1].split("</svg>")[0]
    panels = chart.count("<g transform")
    assert panels == len(demo_release.snapshot["measures"])
    assert "same scale" in chart


def test_a_chart_downloads_as_svg_and_its_data_as_csv_with_the_demo_marking(
    client, demo_release
):
    slug = demo_release.wave.slug
    for chart in ["agreement", "self-assessment", "q-barriers", "sectors"]:
        svg = client.get(reverse("findings:chart_svg", args=[slug, chart]))
        assert svg.status_code == HTTPStatus.OK, chart
        assert svg["Content-Type"] == "image/svg+xml"
        body = svg.content.decode()
        assert body.startswith("<?xml") and "(demo data)</title>" in body
        data = client.get(reverse("findings:chart_csv", args=[slug, chart]))
        rows = list(csv.reader(io.StringIO(data.content.decode())))
        assert "synthetic demo data" in rows[0][0]
        header = next(i for i, row in enumerate(rows) if row and row[-1] == "is_demo")
        assert all(row[-1] == "true" for row in rows[header + 1 :])
    assert (
        client.get(reverse("findings:chart_svg", args=[slug, "nothing"])).status_code
        == HTTPStatus.NOT_FOUND
    )


@pytest.mark.parametrize("name", ["detail", "section", "chart_svg", "chart_csv"])
def test_release_views_read_only_the_snapshot(
    client, demo_release, name, django_assert_max_num_queries
):
    args = {
        "detail": [],
        "section": ["training"],
        "chart_svg": ["agreement"],
        "chart_csv": ["agreement"],
    }[name]
    url = reverse(f"findings:{name}", args=[demo_release.wave.slug, *args])
    with django_assert_max_num_queries(4):
        assert client.get(url).status_code == HTTPStatus.OK


def test_findings_is_in_the_main_navigation(client, db):
    page = client.get("/").content.decode()
    assert re.search(r'class="govuk-service-navigation__link" href="/findings/"', page)
    page = client.get("/findings/").content.decode()
    assert 'href="/findings/" aria-current="true"' in page


def test_robots_txt_names_the_sitemap_and_keeps_out_of_the_admin(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_the_sitemap_lists_public_pages_findings_and_case_studies(client, demo_release):
    from casestudies.tests.factories import CaseStudyFactory

    study = CaseStudyFactory(status="published", slug="sitemap-study")
    draft = CaseStudyFactory(status="draft", slug="draft-study")
    xml = client.get("/sitemap.xml").content.decode()
    for path in ["/", "/findings/", "/case-studies/", "/roadmap/", "/survey/"]:
        assert f"<loc>http://testserver{path}</loc>" in xml, path
    assert f"<loc>http://testserver{demo_release.get_absolute_url()}</loc>" in xml
    assert f"<loc>http://testserver{study.get_absolute_url()}</loc>" in xml
    assert draft.get_absolute_url() not in xml
    assert "/admin/" not in xml


def test_share_agreeing_is_not_published_when_a_part_is_hidden():
    table = {
        "base": 40,
        "rows": [
            {"figure": "q:x:agree", "count": None, "percent": None, "status": "hidden"},
            {"figure": "q:x:strongly_agree", "count": 20, "percent": 50},
        ],
    }
    assert share_agreeing(table)["percent"] is None
    table["rows"][0] |= {"count": 13, "percent": 33}
    assert share_agreeing(table) == {
        "count": 33,
        "percent": 83,
        "base": 40,
        "status": "shown",
    }
