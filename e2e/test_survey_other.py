"""The "Other" box: revealed under its option with JavaScript, always there without."""

import re

import pytest

from e2e.axe import assert_no_axe_violations
from e2e.browser import click_and_load
from survey.models import Response
from survey.questionnaire import NEXT_WAVE_DEFINITION
from survey.tests.factories import wave_with_questionnaire

pytestmark = pytest.mark.django_db(transaction=True)

CONTINUE = "Save and continue"


@pytest.fixture
def wave():
    return wave_with_questionnaire(path=NEXT_WAVE_DEFINITION, slug="demo")


def _to_about_you(page, base_url):
    page.goto(f"{base_url}/survey/demo/")
    page.get_by_role("button", name="Start now").click()
    page.wait_for_url(re.compile(r"/questions/consent/$"))
    page.locator("#id_consent").check()
    page.get_by_role("button", name=CONTINUE).click()
    page.wait_for_url(re.compile(r"/questions/about_you/$"))


def test_other_reveals_its_box_under_radios_and_checkboxes(live_server, page, wave):
    _to_about_you(page, live_server.url)
    box = page.locator("#id_sector_other")
    assert box.is_hidden()
    assert_no_axe_violations(page)
    other = page.locator("input[name=sector][value=other]")
    other.check()
    assert box.is_visible()
    assert other.get_attribute("aria-controls") == "id_sector_other-conditional"
    # ARIA allows no aria-expanded on a radio (axe fails it).
    assert other.get_attribute("aria-expanded") is None
    assert_no_axe_violations(page)
    box.fill("Housing association")
    # Choosing something else hides the box; what was typed is not kept.
    page.get_by_label("NHS", exact=True).check()
    assert box.is_hidden()
    page.get_by_role("button", name=CONTINUE).click()
    page.wait_for_url(re.compile(r"/questions/about_you-2/$"))
    answers = Response.objects.get().answers
    assert answers["sector"] == "nhs"
    assert "sector_other" not in answers

    page.goto(f"{live_server.url}/survey/demo/questions/barriers_enablers/")
    box = page.locator("#id_barriers_other")
    assert box.is_hidden()
    page.locator("input[name=barriers][value=other]").check()
    assert box.is_visible()
    assert_no_axe_violations(page)
    box.fill("Parking")
    click_and_load(page.get_by_role("button", name=CONTINUE))
    answers = Response.objects.get().answers
    assert answers["barriers"] == ["other"]
    assert answers["barriers_other"] == "Parking"


def test_the_other_box_is_there_and_works_without_javascript(
    live_server, new_context, wave
):
    page = new_context(java_script_enabled=False).new_page()
    _to_about_you(page, live_server.url)
    box = page.locator("#id_sector_other")
    assert box.is_visible()
    # Typed without ticking "Other": the text means "Other".
    box.fill("Housing association")
    page.get_by_role("button", name=CONTINUE).click()
    page.wait_for_url(re.compile(r"/questions/about_you-2/$"))
    answers = Response.objects.get().answers
    assert answers["sector"] == "other"
    assert answers["sector_other"] == "Housing association"
