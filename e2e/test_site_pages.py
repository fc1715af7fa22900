"""The site shell in a real browser: accessibility, keyboard use, narrow screens."""

from http import HTTPStatus

import pytest
from django.conf import settings

from e2e.axe import assert_no_axe_violations
from staff.roles import EDITOR
from staff.tests.fixtures import client_for, staff_user

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


def test_bad_request_page_has_no_axe_violations(live_server, page):
    # More query-string fields than DATA_UPLOAD_MAX_NUMBER_FIELDS: Django
    # refuses the request as malformed (400) when the view reads the filters.
    fields = "&".join(f"f{i}=1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS))
    response = page.goto(f"{live_server.url}/case-studies/?{fields}&one=more")
    assert response.status == HTTPStatus.BAD_REQUEST
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Sorry, there is a problem with your request"
    )
    assert_no_axe_violations(page)


def test_permission_denied_page_has_no_axe_violations(live_server, context, page):
    # An editor, fully signed in, opens the analysts' dashboard.
    editor = staff_user("editor", EDITOR)
    session = client_for(editor).cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": session.key, "value": session.value, "url": live_server.url}]
    )
    response = page.goto(live_server.url + "/admin/dashboard/")
    assert response.status == HTTPStatus.FORBIDDEN
    assert "do not have permission" in page.content()
    assert_no_axe_violations(page)


def test_server_error_page_has_no_axe_violations(live_server, page, monkeypatch):
    # The live server runs in this process: make the home page's data fail as
    # an unexpected bug would, and the 500 handler answers.
    class Broken:
        def items(self):
            raise RuntimeError("a bug in the home page")

    monkeypatch.setattr("pages.views.PRINCIPLE_DESCRIPTIONS", Broken())
    response = page.goto(live_server.url + "/")
    assert response.status == HTTPStatus.INTERNAL_SERVER_ERROR
    assert "problem with the service" in page.content()
    assert_no_axe_violations(page)


def test_csrf_failure_page_has_no_axe_violations(live_server, context, page):
    # The sign-in form posted after the browser lost its cookies: no CSRF token
    # cookie to match the form's, so Django's CSRF check refuses it (403).
    page.goto(live_server.url + "/admin/login/")
    context.clear_cookies()
    page.get_by_label("Username").fill("someone")
    page.get_by_label("Password").fill("a-password-of-some-length")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Log in").click()
    assert posted.value.status == HTTPStatus.FORBIDDEN
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Sorry, your form could not be sent"
    )
    assert_no_axe_violations(page)
