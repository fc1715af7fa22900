"""The practice survey in Chromium: accessibility, keyboard, resume, narrow, no JS."""

import datetime as dt
import re

import pytest

from e2e.axe import assert_no_axe_violations
from e2e.browser import click_and_load
from survey.models import Response
from survey.questionnaire import NEXT_WAVE_DEFINITION
from survey.tests.factories import LONDON, wave_with_questionnaire

pytestmark = pytest.mark.django_db(transaction=True)

CONTINUE = "Save and continue"


@pytest.fixture
def wave():
    # As seed_demo makes it: the open demo wave carries version 2.
    return wave_with_questionnaire(
        path=NEXT_WAVE_DEFINITION,
        slug="demo",
        name="Demo wave: practice survey (open for trying out)",
    )


@pytest.fixture
def closed_wave():
    return wave_with_questionnaire(
        slug="2024-25",
        name="Trauma-Informed London practice survey 2024-25",
        opens_at=dt.datetime(2024, 11, 1, tzinfo=LONDON),
        closes_at=dt.datetime(2025, 1, 11, tzinfo=LONDON),
    )


def _start(page, base_url, wave):
    page.goto(f"{base_url}/survey/{wave.slug}/")
    page.get_by_role("button", name="Start now").click()
    page.wait_for_url(re.compile(r"/questions/consent/$"))


def _continue(page):
    click_and_load(page.get_by_role("button", name=CONTINUE))


def _answer_page(page):
    """Give a few answers where the page has them, then continue."""
    if page.locator("#id_consent").count():
        page.locator("#id_consent").check()
    if page.locator("input[name=sector]").count():
        page.get_by_label("NHS", exact=True).check()
    if page.locator("input[name=nhs_icb]").count():
        page.get_by_label("North East London").check()
    if page.locator("input[name=training_types]").count():
        # Routes in the follow-up page (an agreement item with "Not applicable").
        page.get_by_label("E-learning").check()
    if page.locator("input[name=has_example]").count():
        page.get_by_label("Yes", exact=True).check()
    if page.locator("textarea[name=example_description]").count():
        page.locator("textarea[name=example_description]").fill(
            "Reflective practice <b>"
        )
    if page.locator("input[name=contact]").count():
        page.get_by_label("No, do not contact me").check()
    _continue(page)


def _to_check_answers(page):
    for _ in range(20):
        if "/check-answers/" in page.url:
            return
        _answer_page(page)
    raise AssertionError(f"Did not reach check answers; stuck at {page.url}")


def test_every_survey_page_has_no_axe_violations(live_server, page, wave, closed_wave):
    base = live_server.url
    for path in ("/survey/demo/", "/survey/2024-25/", "/survey/resume/nope/"):
        page.goto(base + path)
        assert_no_axe_violations(page)
    _start(page, base, wave)
    # Error state: consent left unticked.
    _continue(page)
    assert page.title().startswith("Error: ")
    assert page.evaluate("document.activeElement.className").startswith(
        "govuk-error-summary"
    )
    assert_no_axe_violations(page)
    seen = set()
    for _ in range(20):
        if "/check-answers/" in page.url:
            break
        assert_no_axe_violations(page)
        seen.add(page.url.rstrip("/").rsplit("/", 1)[-1])
        _answer_page(page)
    assert {"consent", "about_you", "about_you-2", "case-study-contact"} <= seen
    assert {"training_support", "training_support-2"} <= seen
    assert_no_axe_violations(page)  # check answers
    # The contact opt-in with errors: yes, but no name or email.
    page.goto(base + "/survey/demo/case-study-contact/?change=1")
    page.get_by_label("Yes, you can contact me").check()
    click_and_load(page.get_by_role("button", name="Save and return to check answers"))
    assert "Enter your name" in page.content()
    page.locator(".govuk-error-summary a[href='#id_email']").click()
    assert page.evaluate("document.activeElement.id") == "id_email"
    assert_no_axe_violations(page)
    # An error on a question page with free text and choices.
    page.goto(base + "/survey/demo/questions/meaning/")
    page.locator("textarea[name=meaning_own_words]").fill("x" * 2001)
    _continue(page)
    assert "Enter 2,000 characters or fewer" in page.content()
    assert_no_axe_violations(page)
    page.goto(base + "/survey/demo/save-and-return/")
    assert_no_axe_violations(page)
    click_and_load(page.get_by_role("button", name="Send the link"))
    assert "Enter your email address" in page.content()
    assert_no_axe_violations(page)
    page.goto(base + "/survey/demo/check-answers/")
    page.get_by_role("button", name="Submit your response").click()
    page.wait_for_url(re.compile(r"/confirmation/$"))
    assert_no_axe_violations(page)
    withdraw_link = page.locator("#withdraw-link").input_value()
    page.goto(withdraw_link)
    assert_no_axe_violations(page)
    click_and_load(page.get_by_role("button", name="Withdraw and delete my response"))
    assert "Enter your reference" in page.content()
    assert_no_axe_violations(page)


def _tab_to(page, test: str, limit: int = 250) -> None:
    """Press Tab until the focused element passes a JavaScript test."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {test})(document.activeElement)"):
            return
    raise AssertionError(f"Could not reach an element with the keyboard: {test}")


def test_whole_survey_can_be_completed_by_keyboard_alone(live_server, page, wave):
    page.goto(f"{live_server.url}/survey/demo/")
    _tab_to(page, "el.textContent.trim() === 'Start now'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/questions/consent/$"))
    _tab_to(page, "el.id === 'id_consent'")
    page.keyboard.press("Space")
    _tab_to(page, f"el.textContent.trim() === '{CONTINUE}'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/questions/about_you/$"))
    # A radio group: Tab into it, arrow to the second option (Met).
    _tab_to(page, "el.name === 'sector'")
    page.keyboard.press("ArrowDown")
    for _ in range(20):
        if "/check-answers/" in page.url:
            break
        url = page.url
        _tab_to(page, f"el.textContent.trim() === '{CONTINUE}'")
        page.keyboard.press("Enter")
        page.wait_for_url(lambda new, old=url: new != old)
    assert "Metropolitan Police Service" in page.content()
    _tab_to(page, "el.textContent.trim() === 'Submit your response'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/confirmation/$"))
    reference = page.locator(".govuk-panel__body strong").inner_text()
    assert Response.objects.submitted().get().reference == reference


def test_resume_link_in_a_fresh_browser_then_submit(
    live_server, page, wave, new_context
):
    _start(page, live_server.url, wave)
    page.locator("#id_consent").check()
    _continue(page)
    page.get_by_label("Metropolitan Police Service").check()
    page.get_by_role("button", name="Save and come back later").click()
    page.wait_for_url(re.compile(r"/save-and-return/$"))
    link = page.locator("#resume-link").input_value()
    assert "/survey/resume/" in link

    other = new_context().new_page()
    other.goto(link)
    other.wait_for_url(re.compile(r"/questions/about_you-2/$"))
    assert "Basic Command Unit" in other.content()
    other.get_by_label("Central East (Hackney, Tower Hamlets)").check()
    click_and_load(other.get_by_role("button", name=CONTINUE))
    _to_check_answers(other)
    assert "Central East (Hackney, Tower Hamlets)" in other.content()
    other.get_by_role("button", name="Submit your response").click()
    other.wait_for_url(re.compile(r"/confirmation/$"))
    reference = other.locator(".govuk-panel__body strong").inner_text()
    response = Response.objects.get(reference=reference)
    assert response.is_submitted
    assert response.answers["met_bcu"] == "central_east"
    assert Response.objects.count() == 1


def test_survey_pages_fit_a_320px_screen(live_server, browser, wave):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        _start(page, live_server.url, wave)
        overflows = {}
        for _ in range(20):
            overflows[page.url] = page.evaluate(
                "document.documentElement.scrollWidth - "
                "document.documentElement.clientWidth"
            )
            if "/check-answers/" in page.url:
                break
            _answer_page(page)
        page.goto(live_server.url + "/survey/demo/save-and-return/")
        overflows[page.url] = page.evaluate(
            "document.documentElement.scrollWidth - "
            "document.documentElement.clientWidth"
        )
    finally:
        context.close()
    assert all(overflow <= 0 for overflow in overflows.values()), overflows


def test_survey_works_without_javascript(live_server, new_context, wave):
    page = new_context(java_script_enabled=False).new_page()
    _start(page, live_server.url, wave)
    _continue(page)
    assert "There is a problem" in page.content()
    _to_check_answers(page)
    page.goto(live_server.url + "/survey/demo/save-and-return/")
    assert page.locator("[data-copy-target]").is_hidden()
    page.goto(live_server.url + "/survey/demo/check-answers/")
    page.get_by_role("button", name="Submit your response").click()
    page.wait_for_url(re.compile(r"/confirmation/$"))
    assert Response.objects.submitted().count() == 1


def test_closed_wave_refuses_politely(live_server, page, closed_wave):
    page.goto(live_server.url + "/survey/2024-25/")
    assert page.get_by_role("heading", name="This survey has closed").is_visible()
    assert "11:59pm on Friday 10 January 2025" in page.content()
