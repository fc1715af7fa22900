"""Findings in a browser: axe, charts with text equivalents, forced colours, print."""

import datetime as dt
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from e2e.axe import assert_no_axe_violations
from e2e.browser import click_and_load, sign_in
from findings.demo import synthetic_responses
from findings.models import FindingsRelease
from findings.services import release_publish
from roadmap.services import roadmap_content_load
from staff.roles import ANALYST, roles_sync
from staff.tests.fixtures import PASSWORD
from survey.tests.factories import wave_with_questionnaire

pytestmark = pytest.mark.django_db(transaction=True)


def _closed_wave(slug: str, responses: int, seed: int):
    now = dt.datetime.now(tz=dt.UTC)
    wave = wave_with_questionnaire(
        slug=slug,
        name=f"Browser wave {slug}",
        opens_at=now - dt.timedelta(days=90),
        closes_at=now - dt.timedelta(days=30),
    )
    synthetic_responses(wave=wave, count=responses, seed=seed)
    return wave


@pytest.fixture
def published():
    """A published release of a closed wave, and the roadmap it sits beside."""
    roadmap_content_load()
    wave = _closed_wave("browser-baseline", 150, seed=3)
    release = FindingsRelease.objects.create(
        wave=wave, title="What London told us: browser test"
    )
    return release_publish(release=release, user=None)


def test_before_any_release_the_list_says_so_without_axe_violations(live_server, page):
    page.goto(live_server.url + "/findings/")
    assert page.get_by_text("Findings are not yet published").is_visible()
    assert_no_axe_violations(page)


def test_list_and_release_have_no_axe_violations(live_server, page, published):
    page.goto(live_server.url + "/findings/")
    assert_no_axe_violations(page)
    click_and_load(page.get_by_role("link", name=published.title))
    assert page.get_by_role("heading", name=published.title, level=1).is_visible()
    assert_no_axe_violations(page)


def test_every_chart_has_a_text_equivalent_and_a_table(live_server, page, published):
    checked = 0
    for section in ("four_rs", "training"):
        page.goto(
            live_server.url + f"/findings/{published.wave.slug}/sections/{section}/"
        )
        charts = page.locator("svg[role=img]")
        for index in range(charts.count()):
            chart = charts.nth(index)
            labelled = chart.get_attribute("aria-labelledby").split()
            title, desc = (page.locator(f"#{name}").text_content() for name in labelled)
            assert title.strip() and "The table after the chart" in desc
            # The same figures follow in a table, after the download links.
            table = chart.locator("xpath=following-sibling::div[1]//table")
            assert table.count() == 1
            checked += 1
    assert checked > 10
    assert page.get_by_text("fewer than 10").first.is_visible()


def test_chart_text_and_bars_use_system_colours_when_colours_are_forced(
    live_server, page, published
):
    # The site's shared chart rules: bars and labels in CanvasText on Canvas.
    page.goto(live_server.url + f"/findings/{published.wave.slug}/sections/training/")
    bar = page.locator("svg.til-findings-chart rect.til-bar").first
    label = page.locator("svg.til-findings-chart text").first
    normal = bar.evaluate("el => getComputedStyle(el).fill")
    page.emulate_media(forced_colors="active")
    system = page.evaluate(
        """() => {
            const probe = document.createElement('span');
            document.body.appendChild(probe);
            probe.style.color = 'CanvasText';
            const text = getComputedStyle(probe).color;
            probe.style.color = 'Canvas';
            const canvas = getComputedStyle(probe).color;
            probe.remove();
            return {text, canvas};
        }"""
    )
    assert bar.evaluate("el => getComputedStyle(el).fill") == system["text"]
    assert label.evaluate("el => getComputedStyle(el).fill") == system["text"]
    assert system["text"] != system["canvas"]
    assert system["text"] != normal


def test_release_prints_without_navigation_or_the_download_link(
    live_server, page, published
):
    page.goto(live_server.url + f"/findings/{published.wave.slug}/")
    download = page.get_by_role("link", name="Download the published figures (CSV)")
    assert download.is_visible()
    page.emulate_media(media="print")
    assert download.is_hidden()
    assert page.get_by_role("link", name="Download this chart (SVG)").first.is_hidden()
    assert page.locator(".govuk-header").is_hidden()
    assert page.locator("svg.til-diverging").is_visible()
    assert page.locator("svg.til-multiples").is_visible()


def test_the_analyst_preview_has_no_axe_violations(live_server, page, published):
    roles_sync(apps)
    user = get_user_model().objects.create_user(
        "analyst", "analyst@example.org", PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=ANALYST))
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    later = _closed_wave("browser-later", 60, seed=4)
    draft = FindingsRelease.objects.create(wave=later, title="Later wave findings")

    sign_in(page, live_server.url, "analyst", device)
    page.goto(live_server.url + f"/admin/findings/findingsrelease/{draft.pk}/change/")
    click_and_load(page.get_by_role("link", name="Preview the public page"))
    assert page.get_by_text("exactly what the public page would show").is_visible()
    page.locator("#four_rs summary").click()
    # Set beside the published baseline, in percentage points.
    assert page.get_by_text(
        re.compile(r"percentage points?|No change")
    ).first.is_visible()
    assert_no_axe_violations(page)


def test_a_self_assessment_result_shows_the_sector_baseline(
    live_server, page, published
):
    page.goto(live_server.url + "/roadmap/self-assessment/")
    click_and_load(page.get_by_role("button", name="Start now"))
    page.get_by_label("NHS", exact=True).check()
    page.locator("#id_gov_1_4").check()
    page.get_by_role("button", name="See my results").click()
    page.wait_for_url(re.compile(r"/roadmap/self-assessment/results/[\w-]{43}/$"))
    baseline = page.locator(".til-baseline").first
    assert baseline.is_visible()
    assert f"In the {published.wave.name} survey" in baseline.text_content()
    assert_no_axe_violations(page)


@pytest.fixture
def demo():
    """The seeded demo release: main points, the agreement picture, sections."""
    from findings.demo import BASELINE_SLUG, seed_demo

    roadmap_content_load()
    seed_demo()
    return FindingsRelease.objects.get(wave__slug=BASELINE_SLUG)


def test_the_demo_release_page_is_short_and_has_no_axe_violations(
    live_server, page, demo
):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + demo.get_absolute_url())
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 8500, height
    assert page.get_by_role("heading", name="Main points (demo data)").is_visible()
    assert_no_axe_violations(page)
    # Every section opens in place, still without violations.
    for summary in page.locator("details summary").all():
        summary.click()
    assert_no_axe_violations(page)


def test_each_section_page_has_no_axe_violations(live_server, page, demo):
    sections = {t["section"] for t in demo.snapshot["tables"]} - {"headline"}
    for code in sorted(sections):
        page.goto(live_server.url + f"/findings/{demo.wave.slug}/sections/{code}/")
        assert page.locator("svg.til-findings-chart").first.is_visible()
        assert_no_axe_violations(page)


def test_the_diverging_chart_text_is_readable_in_forced_colours(
    live_server, page, demo
):
    from e2e.test_route_map import _assert_readable, _text_and_background

    page.goto(live_server.url + demo.get_absolute_url())
    _assert_readable(_text_and_background(page, "svg.til-diverging"), 20)
    page.emulate_media(forced_colors="active", color_scheme="dark")
    page.goto(live_server.url + demo.get_absolute_url())
    _assert_readable(_text_and_background(page, "svg.til-diverging"), 20)
    _assert_readable(_text_and_background(page, "svg.til-multiples"), 20)


def test_a_station_page_with_the_baseline_has_no_axe_violations(
    live_server, page, demo
):
    page.goto(
        live_server.url + "/roadmap/journey/governance-leadership/trauma-informed/"
    )
    baseline = page.locator("#survey-baseline")
    assert "What the survey found (demo data)" in baseline.text_content()
    assert_no_axe_violations(page)
