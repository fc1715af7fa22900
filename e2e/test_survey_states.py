"""The survey's other states in Chromium: no axe violations, and 320 px screens."""

import datetime as dt
import re
from http import HTTPStatus

import pytest

from e2e.axe import assert_no_axe_violations
from e2e.browser import click_and_load
from survey.models import Response
from survey.tests.factories import LONDON, wave_with_questionnaire

pytestmark = pytest.mark.django_db(transaction=True)

NARROW = {"width": 320, "height": 640}


@pytest.fixture
def wave():
    return wave_with_questionnaire(
        slug="demo", name="Demo wave: practice survey (open for trying out)"
    )


@pytest.fixture
def narrow_page(new_context):
    """A page in a browser 320 px wide (WCAG 1.4.10 reflow)."""
    return new_context(viewport=NARROW).new_page()


def _heading(page) -> str:
    return page.get_by_role("heading", level=1).inner_text().strip()


def _sideways_overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def _start(page, base_url, wave) -> None:
    page.goto(f"{base_url}/survey/{wave.slug}/")
    click_and_load(page.get_by_role("button", name="Start now"))


def test_withdrawn_page_has_no_axe_violations(live_server, page):
    page.goto(live_server.url + "/survey/withdrawn/")
    assert _heading(page) == "Your response has been withdrawn"
    assert_no_axe_violations(page)


def test_choose_wave_page_has_no_axe_violations(live_server, page):
    wave_with_questionnaire(slug="sector-wave", name="Practice survey: sector wave")
    wave_with_questionnaire(slug="second-wave", name="Practice survey: second wave")
    page.goto(live_server.url + "/survey/")
    assert page.url == live_server.url + "/survey/"
    assert page.get_by_role("link", name="Practice survey: sector wave").is_visible()
    assert page.get_by_role("link", name="Practice survey: second wave").is_visible()
    assert_no_axe_violations(page)


def test_no_wave_page_has_no_axe_violations(live_server, page):
    response = page.goto(live_server.url + "/survey/")
    assert response.status == HTTPStatus.OK
    assert page.url == live_server.url + "/survey/"
    assert _heading(page) == "Practice survey"
    assert_no_axe_violations(page)


def test_not_open_yet_page_has_no_axe_violations(live_server, page):
    opens = dt.datetime.now(tz=LONDON) + dt.timedelta(days=30)
    wave_with_questionnaire(
        slug="next-year", opens_at=opens, closes_at=opens + dt.timedelta(days=60)
    )
    page.goto(live_server.url + "/survey/next-year/")
    assert _heading(page) == "This survey is not open yet"
    assert_no_axe_violations(page)


def test_rate_limited_page_has_no_axe_violations(live_server, page, wave, settings):
    # The live server runs in this process, so it reads the lowered limit.
    settings.SURVEY_STARTS_PER_SESSION_PER_HOUR = 0
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        _start(page, live_server.url, wave)
    assert posted.value.status == HTTPStatus.TOO_MANY_REQUESTS
    assert _heading(page) == "Please try again later"
    assert not Response.objects.exists()
    assert_no_axe_violations(page)


def test_refused_page_has_no_axe_violations(live_server, page, wave):
    page.goto(f"{live_server.url}/survey/{wave.slug}/")
    # What an automated form-filler does: fill the field people never see.
    page.locator("#id_website").evaluate("el => { el.value = 'https://spam.example'; }")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        click_and_load(page.get_by_role("button", name="Start now"))
    assert posted.value.status == HTTPStatus.BAD_REQUEST
    assert _heading(page) == "Sorry, we could not accept this"
    assert not Response.objects.exists()
    assert_no_axe_violations(page)


def test_start_and_confirmation_pages_fit_a_320px_screen(
    live_server, narrow_page, wave
):
    page = narrow_page
    page.goto(f"{live_server.url}/survey/{wave.slug}/")
    assert _heading(page) == wave.name
    assert _sideways_overflow(page) <= 0
    assert_no_axe_violations(page)

    _start(page, live_server.url, wave)
    assert re.search(r"/questions/consent/$", page.url)
    page.locator("#id_consent").check()
    click_and_load(page.get_by_role("button", name="Save and continue"))
    page.goto(f"{live_server.url}/survey/{wave.slug}/check-answers/")
    page.get_by_role("button", name="Submit your response").click()
    page.wait_for_url(re.compile(r"/confirmation/$"))
    assert _heading(page) == "Response submitted"
    assert _sideways_overflow(page) <= 0
    assert_no_axe_violations(page)


def test_closed_page_fits_a_320px_screen(live_server, narrow_page):
    wave_with_questionnaire(
        slug="2024-25",
        name="Trauma-Informed London practice survey 2024-25",
        opens_at=dt.datetime(2024, 11, 1, tzinfo=LONDON),
        closes_at=dt.datetime(2025, 1, 11, tzinfo=LONDON),
    )
    page = narrow_page
    page.goto(live_server.url + "/survey/2024-25/")
    assert _heading(page) == "This survey has closed"
    assert _sideways_overflow(page) <= 0
    assert_no_axe_violations(page)


def test_resume_link_after_submitting_shows_no_reference(
    live_server, page, new_context, wave
):
    _start(page, live_server.url, wave)
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Save and come back later").click()
    page.wait_for_url(re.compile(r"/save-and-return/$"))
    link = page.locator("#resume-link").input_value()
    page.goto(f"{live_server.url}/survey/{wave.slug}/check-answers/")
    page.get_by_role("button", name="Submit your response").click()
    page.wait_for_url(re.compile(r"/confirmation/$"))
    reference = Response.objects.submitted().get().reference

    other = new_context().new_page()
    other.goto(link)
    assert _heading(other) == "This response has already been submitted"
    assert reference not in other.content()
    assert_no_axe_violations(other)
