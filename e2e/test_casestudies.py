"""The case-study library in a real browser: axe, keyboard, no JavaScript, print."""

import pytest

from casestudies.tests.factories import CaseStudyFactory, CitationFactory
from e2e.axe import assert_no_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def library():
    """A small library: a custody example with a source, and related ones."""
    custody = CaseStudyFactory(
        title="Trauma-informed custody",
        slug="trauma-informed-custody",
        summary="Custody staff made custody suites calmer.",
        body="## What they did\n\n- Murals\n- Clocks\n\n## What changed\n\nCalmer.",
        outcomes="- Calmer cells",
        sectors=["policing"],
        principles=["choice", "safety"],
        rs=["respond", "resist"],
        domains=["physical_environment"],
        components=["safe_environment"],
        evidence="practitioner_reported",
        evidence_note="Reported by custody staff.",
        started="2021-09",
    )
    CitationFactory(case_study=custody, source__title="Learning from VRU delivery")
    CaseStudyFactory.create_batch(
        11, sectors=["nhs"], principles=["choice"], summary="Health practice."
    )
    CaseStudyFactory(
        title="Illustrative example: a borough hub",
        is_illustrative=True,
        evidence="illustrative",
        principles=["trust"],
    )
    return custody


def test_list_page_has_no_axe_violations(live_server, page, library):
    page.goto(live_server.url + "/case-studies/")
    assert page.locator(".govuk-pagination").is_visible()
    assert_no_axe_violations(page)


def test_filtered_search_page_has_no_axe_violations(live_server, page, library):
    page.goto(
        live_server.url + "/case-studies/?q=custody&sectors=policing&principles=choice"
    )
    assert page.get_by_role("heading", name="1 case study matching").is_visible()
    assert page.get_by_text("Selected filters").is_visible()
    assert_no_axe_violations(page)


def test_empty_result_page_has_no_axe_violations(live_server, page, library):
    page.goto(live_server.url + "/case-studies/?q=zebra")
    assert page.get_by_text("There are no case studies that match").is_visible()
    assert_no_axe_violations(page)


def test_search_error_page_has_no_axe_violations(live_server, page, library):
    page.goto(live_server.url + "/case-studies/?q=" + "a" * 201)
    assert page.title().startswith("Error: ")
    assert_no_axe_violations(page)


def test_detail_page_has_no_axe_violations(live_server, page, library):
    page.goto(live_server.url + library.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == library.title
    assert page.get_by_role("heading", name="Related case studies").is_visible()
    assert_no_axe_violations(page)


def test_filters_work_by_keyboard(live_server, page, library):
    page.goto(live_server.url + "/case-studies/")
    checkbox = page.locator("#principles-choice")
    for _ in range(80):
        page.keyboard.press("Tab")
        if checkbox.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the Choice checkbox")
    page.keyboard.press("Space")
    assert checkbox.is_checked()
    button = page.get_by_role("button", name="Apply filters")
    for _ in range(80):
        page.keyboard.press("Tab")
        if button.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the Apply filters button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/case-studies/?*principles=choice*")
    assert page.locator("#principles-choice").is_checked()
    assert page.get_by_role("heading", name="12 case studies").is_visible()


def test_search_submits_with_enter(live_server, page, library):
    page.goto(live_server.url + "/case-studies/")
    page.get_by_label("Search case studies").fill("custody")
    page.keyboard.press("Enter")
    page.wait_for_url("**/case-studies/?q=custody*")
    first = page.locator(".til-case-study-list__item h3").first
    assert first.inner_text() == "Trauma-informed custody"


def test_filters_work_without_javascript(live_server, new_context, library):
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/case-studies/")
    page.get_by_label("Policing (other forces)").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/case-studies/?*sectors=policing*")
    assert page.get_by_role("heading", name="1 case study").is_visible()
    page.get_by_role("link", name="Trauma-informed custody").click()
    page.wait_for_url("**" + library.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == library.title
    # The print button needs JavaScript, so it stays hidden without it.
    assert page.locator("[data-print]").is_hidden()


def test_tag_link_leads_back_to_a_filtered_list(live_server, page, library):
    page.goto(live_server.url + library.get_absolute_url())
    page.locator(".til-case-study__tags").get_by_role("link", name="Choice").click()
    page.wait_for_url("**/case-studies/?principles=choice")
    assert page.locator("#principles-choice").is_checked()


def test_detail_prints_without_navigation_or_buttons(live_server, page, library):
    page.goto(live_server.url + library.get_absolute_url())
    print_button = page.locator("[data-print]")
    assert print_button.is_visible()
    page.emulate_media(media="print")
    assert page.locator(".govuk-header").is_hidden()
    assert print_button.is_hidden()
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.get_by_text("Learning from VRU delivery").is_visible()
    # Tag links print as words, without the addresses of filtered lists.
    tag = page.locator(".til-tag-list .govuk-link").first
    after = tag.evaluate("e => getComputedStyle(e, '::after').content")
    assert after in ("none", "normal")


@pytest.mark.parametrize(
    "path",
    [
        "/case-studies/",
        "/case-studies/?q=custody&principles=choice",
        "/case-studies/trauma-informed-custody/",
    ],
)
def test_pages_break_no_content_security_policy_rule(live_server, page, library, path):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(live_server.url + path)
    page.wait_for_load_state("networkidle")
    assert not [m for m in messages if "Content Security Policy" in m]
    assert "govuk-frontend-supported" in page.evaluate("document.body.className")


def test_skip_to_results_moves_focus_past_the_filters(live_server, page, library):
    page.goto(live_server.url + "/case-studies/")
    page.get_by_role("link", name="Skip to results").click()
    assert page.evaluate("document.activeElement.id") == "results-heading"


@pytest.mark.parametrize(
    "path", ["/case-studies/", "/case-studies/trauma-informed-custody/"]
)
def test_pages_fit_a_320px_screen(live_server, new_context, library, path):
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    page.goto(live_server.url + path)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
