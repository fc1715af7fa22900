"""The roadmap in a real browser: axe, keyboard, no JavaScript, print, sharing."""

import re

import pytest
from playwright.sync_api import expect

from casestudies.tests.factories import CaseStudyFactory
from e2e.axe import assert_no_axe_violations
from e2e.browser import click_and_load
from roadmap.journey import COMPARISON_MINIMUM
from roadmap.services import roadmap_content_load
from roadmap.tests.factories import SelfAssessmentFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def roadmap():
    """The real roadmap content, with a case study that matches governance."""
    roadmap_content_load()
    CaseStudyFactory(
        title="Leaders who own it",
        slug="leaders-who-own-it",
        domains=["governance_leadership"],
        sectors=["met_police"],
        rs=["respond"],
        principles=["trust"],
    )


def _take_self_assessment(page, base_url):
    """Answer by keyboard: governance fully, policy at aware, the rest skipped."""
    page.goto(base_url + "/roadmap/self-assessment/")
    click_and_load(page.get_by_role("button", name="Start now"))
    page.get_by_label("Metropolitan Police").check()
    for code in ("gov_1", "gov_2", "gov_3"):
        radio = page.locator(f"#id_{code}_4")
        radio.focus()
        page.keyboard.press("Space")
        assert radio.is_checked()
    page.locator("#id_pol_1_3").check()
    page.get_by_role("button", name="See my results").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/roadmap/self-assessment/results/[\w-]{43}/$"))


@pytest.mark.parametrize(
    "path",
    [
        "/roadmap/",
        "/roadmap/journey/",
        "/roadmap/journey/?sector=met_police",
        "/roadmap/journey/?sector=nope",
        "/roadmap/journey/lived-experience/",
        "/roadmap/self-assessment/",
        "/roadmap/self-assessment/questions/",
    ],
)
def test_roadmap_page_has_no_axe_violations(live_server, page, roadmap, path):
    page.goto(live_server.url + path)
    assert_no_axe_violations(page)


def test_questions_error_page_has_no_axe_violations(live_server, page, roadmap):
    page.goto(live_server.url + "/roadmap/self-assessment/questions/")
    click_and_load(page.get_by_role("button", name="See my results"))
    # The form posts to the same address: wait for the new page, not the URL.
    expect(page).to_have_title(re.compile(r"^Error: "))
    # GOV.UK Frontend moves focus to the summary; its link reaches the radio.
    summary_link = page.locator(".govuk-error-summary a")
    summary_link.click()
    assert page.evaluate("document.activeElement.id") == "id_gov_1_1"
    assert_no_axe_violations(page)


def test_self_assessment_results_reopen_in_a_fresh_context(
    live_server, page, new_context, roadmap
):
    _take_self_assessment(page, live_server.url)
    results_url = page.url
    assert_no_axe_violations(page)

    # The chart is an image with a name, and its table holds the same data.
    chart = page.get_by_role("img", name="Your stage in each area")
    assert chart.is_visible()
    rows = page.locator("#profile-table tbody tr")
    assert rows.count() == 7
    assert rows.nth(0).locator("td").first.inner_text() == "Trauma-informed"
    assert rows.nth(1).locator("td").first.inner_text() == "Trauma-aware"
    assert rows.nth(2).locator("td").first.inner_text() == "Starting out"
    assert "Governance and leadership: Trauma-informed" in (
        page.locator("#stage-chart-desc").text_content()
    )
    assert page.get_by_role("link", name="Leaders who own it").first.is_visible()

    # The copy and print buttons appear with JavaScript.
    assert page.get_by_role("button", name="Copy link").is_visible()
    assert page.get_by_role("button", name="Print or save as PDF").is_visible()
    assert page.locator("#share-link").input_value() == results_url

    other = new_context().new_page()
    other.goto(results_url)
    assert other.get_by_role("heading", name="Your results and next steps").is_visible()
    table = other.locator("#profile-table tbody tr")
    assert table.nth(0).locator("td").first.inner_text() == "Trauma-informed"


def test_results_with_a_sector_comparison_have_no_axe_violations(
    live_server, page, roadmap
):
    SelfAssessmentFactory.create_batch(COMPARISON_MINIMUM, sector="met_police")
    _take_self_assessment(page, live_server.url)
    table = page.locator(".til-comparison-table")
    assert table.is_visible()
    assert "(you)" in table.inner_text()
    assert_no_axe_violations(page)


def test_results_break_no_content_security_policy_rule(live_server, page, roadmap):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    _take_self_assessment(page, live_server.url)
    page.goto(live_server.url + "/roadmap/journey/?sector=met_police")
    page.wait_for_load_state("networkidle")
    assert not [m for m in messages if "Content Security Policy" in m]


def test_copy_button_copies_the_link(live_server, new_context, roadmap):
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    _take_self_assessment(page, live_server.url)
    page.get_by_role("button", name="Copy link").click()
    page.get_by_text("Link copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == page.url


def test_self_assessment_works_without_javascript(live_server, new_context, roadmap):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(live_server.url + "/roadmap/self-assessment/questions/")
    page.locator("#id_wf_1_3").check()
    page.get_by_role("button", name="See my results").click()
    page.wait_for_url(re.compile(r"/roadmap/self-assessment/results/[\w-]{43}/$"))
    assert page.get_by_role("heading", name="Your results and next steps").is_visible()
    # Buttons that need JavaScript stay hidden.
    assert not page.get_by_role("button", name="Copy link").is_visible()
    assert page.locator("#share-link").is_visible()


def test_sector_view_works_without_javascript(live_server, new_context, roadmap):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(live_server.url + "/roadmap/journey/")
    page.get_by_label("Show actions and case studies for").select_option("nhs")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/roadmap/journey/?sector=nhs")
    assert page.get_by_text("written for NHS").is_visible()
    # The station links keep the sector.
    page.get_by_role(
        "link", name=re.compile(r"^Governance and leadership: trauma-informed")
    ).first.click()
    page.wait_for_url("**/governance-leadership/trauma-informed/?sector=nhs")
    assert page.get_by_text("Ask your Integrated Care Board to adopt").is_visible()
    assert page.get_by_text("Build trauma-informed leadership into").count() == 0


def test_results_print_the_map_and_stages_without_navigation_or_buttons(
    live_server, page, roadmap
):
    _take_self_assessment(page, live_server.url)
    link_for_print = page.locator(".til-print-only")
    assert not link_for_print.is_visible()
    page.emulate_media(media="print")
    assert link_for_print.is_visible()
    assert page.url in link_for_print.inner_text()
    assert not page.locator(".govuk-header").is_visible()
    assert not page.locator(".govuk-footer").is_visible()
    assert not page.get_by_role("button", name="Copy link").is_visible()
    assert not page.locator("#share-link").is_visible()
    # One page: the map and the table of stages. The bar chart, comparison and
    # next steps are for screens (the printed link reopens them).
    assert page.get_by_role("group", name=re.compile("^You are here")).is_visible()
    assert page.locator("#profile-table").is_visible()
    assert not page.get_by_role("img", name="Your stage in each area").is_visible()
    assert not page.get_by_role("heading", name="Your next steps").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize("path", ["/roadmap/", "/roadmap/journey/?sector=nhs"])
def test_roadmap_pages_print_without_navigation_or_forms(
    live_server, page, roadmap, path
):
    page.goto(live_server.url + path)
    page.emulate_media(media="print")
    assert page.locator(".govuk-header").is_hidden()
    assert page.locator(".govuk-footer").is_hidden()
    assert page.locator(".til-sector-form").is_hidden()
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.pdf(format="A4").startswith(b"%PDF")


def test_journey_fits_a_320px_screen(live_server, new_context, roadmap):
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    for path in ("/roadmap/journey/", "/roadmap/self-assessment/questions/"):
        page.goto(live_server.url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth"
            " - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path
