"""Sharing the survey in Chromium: the share page, copying by keyboard, the QR
code's text, the one-page poster, and the dashboard's coverage section."""

import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from e2e.axe import assert_no_axe_violations
from e2e.browser import click_and_load, sign_in
from e2e.test_survey import _tab_to
from staff.roles import ANALYST, roles_sync
from staff.tests.fixtures import PASSWORD
from survey.questionnaire import NEXT_WAVE_DEFINITION
from survey.tests.factories import (
    CollectorFactory,
    ResponseFactory,
    submitted,
    wave_with_questionnaire,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def wave():
    return wave_with_questionnaire(
        path=NEXT_WAVE_DEFINITION, slug="demo", name="Demo wave: practice survey"
    )


@pytest.fixture
def collector(wave):
    return CollectorFactory(wave=wave, name="Directors of Public Health network")


def test_share_page_has_no_axe_violations_and_keeps_the_collectors_link(
    live_server, page, wave, collector
):
    page.goto(f"{live_server.url}/survey/demo/?via={collector.code}")
    click_and_load(page.get_by_role("link", name="Share this survey with colleagues"))
    assert page.url.endswith(f"/survey/demo/share/?via={collector.code}")
    link = f"{live_server.url}/survey/demo/?via={collector.code}"
    assert page.get_by_label("Link to the survey").input_value() == link
    assert link in page.get_by_label(re.compile("Copy this message")).input_value()
    assert "Directors of Public Health" not in page.content()
    assert_no_axe_violations(page)


def test_the_qr_code_has_a_text_alternative_naming_the_link(
    live_server, page, wave, collector
):
    page.goto(f"{live_server.url}/survey/demo/share/?via={collector.code}")
    link = f"{live_server.url}/survey/demo/?via={collector.code}"
    qr = page.get_by_role("img", name=f"QR code linking to {link}")
    assert qr.is_visible()
    box = qr.bounding_box()
    assert box["width"] >= 150 and box["width"] == box["height"]


def test_copying_the_message_works_by_keyboard(live_server, new_context, wave):
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{live_server.url}/survey/demo/share/")
    message = page.get_by_label(re.compile("Copy this message")).input_value()
    _tab_to(page, "el.dataset.copyTarget === 'share-message'")
    page.keyboard.press("Enter")
    status = page.locator("#share-message-status")
    status.get_by_text("Message copied").wait_for()
    assert status.get_attribute("aria-live") == "polite"
    assert page.evaluate("navigator.clipboard.readText()") == message
    assert message.startswith("Please take part in the Demo wave")


def test_without_javascript_the_message_is_readable_and_no_copy_button_shows(
    live_server, new_context, wave
):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(f"{live_server.url}/survey/demo/share/")
    message = page.get_by_label(re.compile("Copy this message"))
    assert message.is_visible() and "Answer the survey:" in message.input_value()
    assert not page.get_by_role("button", name="Copy message").is_visible()


def test_the_poster_prints_on_one_a4_page(live_server, page, wave, collector):
    page.goto(f"{live_server.url}/survey/demo/share/poster/?via={collector.code}")
    link = f"{live_server.url}/survey/demo/?via={collector.code}"
    assert page.get_by_role("img", name=f"QR code linking to {link}").is_visible()
    assert_no_axe_violations(page)
    page.emulate_media(media="print")
    assert not page.get_by_role("link", name="Back to sharing the survey").is_visible()
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    pages = re.findall(rb"/Type\s*/Page(?!s)", pdf)
    assert len(pages) == 1
    # A4 portrait, in points: 595 x 842.
    size = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert (round(float(size.group(1))), round(float(size.group(2)))) == (595, 842)


def test_the_dashboards_coverage_section_has_no_axe_violations(
    live_server, page, wave, collector
):
    roles_sync(apps)
    user = get_user_model().objects.create_user(
        "analyst", "analyst@example.org", PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=ANALYST))
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    submitted(wave, {"consent": "yes", "sector": "nhs", "boroughs": ["camden"]})
    submitted(wave, collector=collector)
    ResponseFactory(wave=wave, collector=collector)

    sign_in(page, live_server.url, "analyst", device)
    page.goto(f"{live_server.url}/admin/dashboard/?wave=demo")
    section = page.locator("#coverage")
    assert section.get_by_role(
        "heading", name="Coverage against the target"
    ).is_visible()
    assert section.get_by_role("cell", name=collector.name).count() == 0
    assert section.get_by_role("rowheader", name=collector.name).is_visible()
    page.get_by_label("Target per borough and sector").fill("0")
    click_and_load(page.get_by_role("button", name="Set target"))
    assert page.get_by_text("Enter a target of 1 or more").is_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Target per borough and sector").fill("1")
    click_and_load(page.get_by_role("button", name="Set target"))
    assert "strong" in page.locator("#coverage p").first.inner_html()
    assert_no_axe_violations(page)
    # Under forced colours the map's tiles take system colours, not our blues.
    tile = page.locator(".staff-coverage-map rect.staff-coverage-0").first
    shaded = tile.evaluate("el => getComputedStyle(el).fill")
    page.emulate_media(forced_colors="active")
    assert tile.evaluate("el => getComputedStyle(el).fill") != shaded
