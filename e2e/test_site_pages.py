"""The site shell in a real browser: accessibility, keyboard use, narrow screens."""

import pytest

from e2e.axe import assert_no_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

SHELL_PAGES = ["/", "/accessibility/", "/privacy/", "/cookies/", "/contact/"]


@pytest.mark.parametrize("path", SHELL_PAGES)
def test_shell_page_has_no_axe_violations(live_server, page, path):
    page.goto(live_server.url + path)
    assert_no_axe_violations(page)


def test_not_found_page_has_no_axe_violations(live_server, page):
    response = page.goto(live_server.url + "/no-such-page/")
    assert response.status == 404
    assert_no_axe_violations(page)


def test_skip_link_is_first_and_moves_focus_to_main_content(live_server, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_home_page_fits_a_320px_screen_without_sideways_scrolling(live_server, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server.url + "/")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    context.close()
    assert overflow <= 0


def test_no_content_security_policy_violations_are_reported(live_server, page):
    messages = []
    page.on("console", lambda msg: messages.append(msg.text))
    page.goto(live_server.url + "/")
    page.wait_for_load_state("networkidle")
    assert not [m for m in messages if "Content Security Policy" in m]
    # The module script ran: GOV.UK Frontend's class is on the body.
    assert "govuk-frontend-supported" in page.evaluate("document.body.className")
