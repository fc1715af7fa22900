"""The route map in a browser: axe, keyboard, 320px, preview, print, forced colours."""

import itertools
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from casestudies.tests.factories import CaseStudyFactory
from e2e.axe import assert_no_axe_violations
from e2e.browser import sign_in
from e2e.test_roadmap import _take_self_assessment
from roadmap.journey import COMPARISON_MINIMUM
from roadmap.models import DomainDescription, StageDescription
from roadmap.services import roadmap_content_load
from roadmap.tests.factories import SelfAssessmentFactory
from staff.roles import ANALYST, roles_sync
from staff.tests.fixtures import PASSWORD
from survey.tests.factories import submitted, wave_with_questionnaire

pytestmark = pytest.mark.django_db(transaction=True)

STATION = "/roadmap/journey/governance-leadership/trauma-informed/"
# A4 landscape less 10 mm margins, in CSS pixels (96 per inch).
PRINTABLE_WIDTH = round((297 - 20) / 25.4 * 96)
PRINTABLE_HEIGHT = round((210 - 20) / 25.4 * 96)


@pytest.fixture
def roadmap():
    """The real roadmap content, with an NHS case study for governance."""
    roadmap_content_load()
    CaseStudyFactory(
        title="Leaders who own it",
        slug="leaders-who-own-it",
        domains=["governance_leadership"],
        sectors=["nhs"],
        rs=["respond"],
    )


def _expected_names():
    return [
        f"{domain.title}: {stage.title[:1].lower()}{stage.title[1:]}"
        for domain in DomainDescription.objects.all()
        for stage in StageDescription.objects.all()
    ]


@pytest.mark.parametrize(
    "path",
    [
        "/roadmap/journey/",
        "/roadmap/journey/?sector=nhs",
        STATION,
        "/roadmap/journey/governance-leadership/",
    ],
)
def test_map_station_and_area_pages_have_no_axe_violations(
    live_server, page, roadmap, path
):
    SelfAssessmentFactory.create_batch(COMPARISON_MINIMUM, sector="nhs")
    page.goto(live_server.url + path)
    assert_no_axe_violations(page)


def test_result_with_you_are_here_and_its_print_view_have_no_axe_violations(
    live_server, page, roadmap
):
    _take_self_assessment(page, live_server.url)
    here = page.locator(".til-map__view--across a.til-map__station--here")
    assert here.count() == 2
    assert "(You are here" in here.first.get_attribute("aria-label")
    assert page.get_by_role(
        "link", name=re.compile(r"^Governance and leadership: trauma-informed \(You")
    ).is_visible()
    assert_no_axe_violations(page)
    page.emulate_media(media="print")
    assert_no_axe_violations(page)


def test_every_station_is_reached_by_tab_line_by_line_and_opens_with_enter(
    live_server, page, roadmap
):
    page.goto(live_server.url + "/roadmap/journey/")
    expected = _expected_names()
    assert len(expected) == 21
    page.get_by_role("button", name="Show").focus()
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        name = page.evaluate(
            "document.activeElement.closest('.til-map')"
            " ? document.activeElement.getAttribute('aria-label') : null"
        )
        if name is None:
            if reached:
                break
            continue
        reached.append(name)
        # The focus ring is drawn: the ring circle is filled, not "none".
        ring = page.evaluate(
            "getComputedStyle(document.activeElement"
            ".querySelector('.til-map__focus')).fill"
        )
        assert ring != "none"
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/roadmap/journey/[\w-]+/trauma-[a-z]+/$"))
        area, stage = name.split(": ")
        heading = page.get_by_role("heading", level=1).inner_text()
        assert area in heading and stage in heading.lower()
        page.go_back()
        page.locator(".til-map__view--across a.til-map__station").nth(
            len(reached) - 1
        ).focus()
    assert reached == expected


@pytest.mark.parametrize("path", ["/roadmap/journey/?sector=nhs", STATION])
def test_map_pages_fit_a_320px_screen(live_server, new_context, roadmap, path):
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    page.goto(live_server.url + path)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    # The map is drawn downwards; the drawing across is out of the tab order.
    assert page.locator(".til-map__view--down svg").first.is_visible()
    assert not page.locator(".til-map__view--across svg").first.is_visible()


def test_result_fits_a_320px_screen(live_server, new_context, roadmap):
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    _take_self_assessment(page, live_server.url)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    assert page.locator(".til-map__view--down a.til-map__station--here").count() == 2


def test_entry_page_is_at_most_3000px_tall_at_1280px(live_server, new_context, roadmap):
    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(live_server.url + "/roadmap/journey/")
    assert page.evaluate("document.documentElement.scrollHeight") <= 3000


def test_preview_card_opens_on_focus_and_hover_and_closes_on_escape(
    live_server, page, roadmap
):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(live_server.url + "/roadmap/journey/")
    card = page.get_by_role("tooltip")
    assert card.count() == 0 or not card.is_visible()
    station = page.get_by_role(
        "link", name="Governance and leadership: trauma-informed"
    ).first
    station.focus()
    assert card.is_visible()
    assert "Governance and leadership: trauma-informed" in card.inner_text()
    assert "A named leader owns the work" in card.inner_text()
    page.keyboard.press("Escape")
    assert not card.is_visible()
    # Focus stays on the station, and Enter still follows the link.
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Governance and leadership: trauma-informed"
    )
    page.get_by_role("link", name="Policy and procedure: trauma-aware").first.hover()
    assert card.is_visible()
    assert "Policy and procedure: trauma-aware" in card.inner_text()
    page.keyboard.press("Escape")
    assert not card.is_visible()
    # Placing the card breaks no Content Security Policy rule.
    assert not [m for m in messages if "Content Security Policy" in m]


def test_map_links_work_without_javascript(live_server, new_context, roadmap):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(live_server.url + "/roadmap/journey/")
    page.locator(".til-map__view--across a.til-map__station").nth(1).click()
    page.wait_for_url("**" + STATION)
    assert page.get_by_role("heading", name="Trauma-informed").is_visible()


def test_result_prints_map_and_table_on_one_a4_landscape_page(
    live_server, new_context, roadmap
):
    page = new_context(
        viewport={"width": PRINTABLE_WIDTH, "height": PRINTABLE_HEIGHT}
    ).new_page()
    _take_self_assessment(page, live_server.url)
    page.emulate_media(media="print")
    assert page.locator(".til-map__view--across svg").is_visible()
    assert page.locator("#profile-table").is_visible()
    bottom = page.evaluate(
        "document.querySelector('.til-here').getBoundingClientRect().bottom"
        " + window.scrollY"
    )
    assert bottom <= PRINTABLE_HEIGHT
    pdf = page.pdf(prefer_css_page_size=True)
    sizes = set(re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf))
    assert sizes, "no page sizes in the PDF"
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1, "more than one page"
    for width, height in sizes:
        # A4 landscape: 842 by 595 points.
        assert round(float(width)) == 842 and round(float(height)) == 595


def _text_and_background(page, svg_selector):
    """(fill, background) for each text in each matching SVG that is displayed.

    The background is the page's colour behind the SVG, or the shape the text
    is drawn on (a label inside a bar).
    """
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
          .filter((svg) => svg.getBoundingClientRect().width > 0)
          .flatMap((svg) => {
            let node = svg;
            let page = "rgba(0, 0, 0, 0)";
            while (node && page === "rgba(0, 0, 0, 0)") {
              page = getComputedStyle(node).backgroundColor;
              node = node.parentElement;
            }
            const inside = (text, shape) => {
              const a = text.getBoundingClientRect();
              const b = shape.getBoundingClientRect();
              return a.left >= b.left && a.right <= b.right
                && a.top >= b.top && a.bottom <= b.bottom;
            };
            return [...svg.querySelectorAll("text")].map((text) => {
              const shape = [...svg.querySelectorAll("rect")]
                .find((rect) => inside(text, rect));
              const behind = shape ? getComputedStyle(shape).fill : page;
              return [getComputedStyle(text).fill, behind];
            });
          })""",
        svg_selector,
    )


def _luminance(colour):
    channels = [int(c) / 255 for c in re.findall(r"\d+", colour)[:3]]
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _assert_readable(pairs, minimum):
    """Every text stands out from what is behind it (WCAG's 4.5:1 for text)."""
    assert len(pairs) >= minimum
    for fill, background in pairs:
        light, dark = sorted((_luminance(fill), _luminance(background)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, (fill, background)


def test_maps_and_charts_stay_readable_in_forced_colours_with_a_dark_scheme(
    live_server, page, roadmap
):
    _take_self_assessment(page, live_server.url)
    results_url = page.url
    page.emulate_media(forced_colors="active", color_scheme="dark")
    page.goto(results_url)
    _assert_readable(_text_and_background(page, "svg.til-stage-chart"), 1)
    _assert_readable(_text_and_background(page, "svg.til-map__svg"), 1)
    for path in ("/roadmap/journey/?sector=nhs", STATION):
        page.goto(live_server.url + path)
        _assert_readable(_text_and_background(page, "svg.til-map__svg"), 1)


def test_staff_charts_stay_readable_in_forced_colours_with_a_dark_scheme(
    live_server, page
):
    roles_sync(apps)
    user = get_user_model().objects.create_user(
        "analyst", "analyst@example.org", PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=ANALYST))
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    wave = wave_with_questionnaire(slug="browser-wave")
    submitted(wave, {"consent": "yes", "sector": "nhs", "boroughs": ["camden"]})
    sign_in(page, live_server.url, "analyst", device)
    page.emulate_media(forced_colors="active", color_scheme="dark")
    page.goto(live_server.url + "/admin/dashboard/")
    _assert_readable(_text_and_background(page, "svg.staff-chart"), 4)


@pytest.fixture
def shaded(roadmap):
    """The demo findings release, published: the map is shaded by its figures."""
    from findings.demo import seed_demo

    seed_demo()


def test_the_shaded_route_map_has_no_axe_violations_and_names_its_figures(
    live_server, new_context, shaded
):
    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(live_server.url + "/roadmap/journey/")
    stations = page.locator(".til-map__view--across a.til-map__station")
    assert stations.count() == 21
    # Every station's name carries its area's figure, and the line prints it.
    name = stations.first.get_attribute("aria-label")
    assert re.fullmatch(
        r"Governance and leadership: trauma-aware \(demo survey: \d+% said .+\)", name
    ), name
    figure = re.search(r"(\d+%)", name).group(1)
    across = page.locator(".til-map__view--across svg")
    printed = across.locator(".til-map__note--figure")
    assert printed.count() == 7
    assert printed.first.is_visible()
    assert printed.first.text_content() == f"Survey (demo): {figure}"
    # The shade is a grey fill, where a station without one is white.
    fill = page.evaluate(
        "getComputedStyle(document.querySelector("
        "'.til-map__view--across .til-map__station .til-map__stop')).fill"
    )
    assert fill not in ("rgb(255, 255, 255)", "none")
    key = page.locator("#survey-shading")
    assert key.get_by_role(
        "heading", name="Shading: what the survey found (demo data)"
    ).is_visible()
    assert "Demo data" in key.text_content()
    assert page.evaluate("document.documentElement.scrollHeight") <= 3000
    assert_no_axe_violations(page)
    key.get_by_text("The survey figures on the map, as a table").click()
    row = key.get_by_role("row", name=re.compile(r"^Governance and leadership"))
    assert figure in row.text_content()
    assert_no_axe_violations(page)
    page.emulate_media(media="print")
    assert_no_axe_violations(page)


def test_the_shades_step_evenly_darker_in_greyscale(live_server, page, shaded):
    page.goto(live_server.url + "/roadmap/journey/")
    fills = page.evaluate(
        "[1, 2, 3, 4].map((n) => getComputedStyle(document.querySelector("
        "'.til-map-key__shade--' + n)).fill)"
    )
    # Greys, so greyscale and print keep them apart: white, then each band darker.
    assert all(len(set(re.findall(r"\d+", f)[:3])) == 1 for f in fills), fills
    steps = [_luminance("rgb(255, 255, 255)"), *map(_luminance, fills)]
    for lighter, darker in itertools.pairwise(steps):
        assert (lighter + 0.05) / (darker + 0.05) >= 1.5, fills


def test_the_shaded_map_fits_a_320px_screen_with_its_figures(
    live_server, new_context, shaded
):
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    page.goto(live_server.url + "/roadmap/journey/")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    down = page.locator(".til-map__view--down svg")
    assert down.locator("text", has_text=re.compile(r"^Survey \(demo\): \d+%$")).count()
    assert_no_axe_violations(page)


def test_the_shaded_map_stays_readable_in_forced_colours_with_a_dark_scheme(
    live_server, page, shaded
):
    page.emulate_media(forced_colors="active", color_scheme="dark")
    page.goto(live_server.url + "/roadmap/journey/")
    pairs = _text_and_background(page, "svg.til-map__svg")
    _assert_readable(pairs, 20)
    page.emulate_media(forced_colors="none", color_scheme="light")
    page.goto(live_server.url + "/roadmap/journey/")
    _assert_readable(_text_and_background(page, "svg.til-map__svg"), 20)
