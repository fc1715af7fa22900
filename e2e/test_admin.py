"""The staff admin in a browser: sign-in with a code, filters, a response, export."""

import io
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import load_workbook

from audit.models import AuditEvent
from e2e.axe import assert_no_axe_violations
from e2e.browser import click_and_load, device_code
from staff.roles import ANALYST, roles_sync
from staff.tests.fixtures import PASSWORD
from survey.tests.factories import submitted, wave_with_questionnaire

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def analyst_device():
    """An analyst with a confirmed authenticator, and a wave with responses."""
    # Transactional tests flush the database, groups included.
    roles_sync(apps)
    user = get_user_model().objects.create_user(
        "analyst", "analyst@example.org", PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=ANALYST))
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    wave = wave_with_questionnaire(slug="browser-wave")
    submitted(wave, contact=True)
    submitted(wave, {"consent": "yes", "sector": "nhs", "boroughs": ["camden"]})
    return device


def test_analyst_signs_in_with_a_code_filters_reads_and_sees_the_dashboard(
    live_server, page, analyst_device
):
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("analyst")
    page.get_by_label("Password").fill(PASSWORD)
    click_and_load(page.get_by_role("button", name="Log in"))
    assert "/admin/two-factor/" in page.url
    assert_no_axe_violations(page)
    page.get_by_label("Code from your authenticator app").fill(
        device_code(analyst_device)
    )
    click_and_load(page.get_by_role("button", name="Continue"))
    assert page.url.rstrip("/").endswith("/admin")

    page.goto(live_server.url + "/admin/survey/response/")
    click_and_load(page.get_by_role("link", name="NHS", exact=True))
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1
    click_and_load(rows.first.locator("th a"))
    assert page.get_by_text("Which sector do you work in?").is_visible()

    # Export what the filter shows, as XLSX, and open the file.
    page.goto(live_server.url + "/admin/survey/response/?sector=nhs")
    click_and_load(page.get_by_role("link", name="Export"))
    assert page.get_by_text("1 submitted response match").is_visible()
    page.get_by_label("Format").select_option(label="xlsx")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    workbook = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    headers, *values = list(workbook.active.values)
    assert len(values) == 1
    row = dict(zip(headers, values[0], strict=True))
    assert row["sector"] == "NHS"
    assert row["boroughs__camden"] == 1
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.EXPORT, file_format="xlsx", row_count=1
    ).exists()

    page.goto(live_server.url + "/admin/dashboard/")
    assert page.get_by_role(
        "heading", name="Submitted responses by borough"
    ).is_visible()
    assert page.locator("svg[role=img]").count() >= 6
    assert_no_axe_violations(page)


def test_a_wrong_code_keeps_the_admin_closed(live_server, page, analyst_device):
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("analyst")
    page.get_by_label("Password").fill(PASSWORD)
    click_and_load(page.get_by_role("button", name="Log in"))
    page.get_by_label("Code from your authenticator app").fill("000000")
    click_and_load(page.get_by_role("button", name="Continue"))
    assert page.get_by_text("The code is not right or has expired").is_visible()
    assert page.title().startswith("Error:")
    page.goto(live_server.url + "/admin/survey/response/")
    assert "/admin/" in page.url and "/survey/response" not in page.url.split("?")[0]


def test_set_up_page_shows_a_qr_code_and_the_key(live_server, page, analyst_device):
    analyst_device.delete()
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("analyst")
    page.get_by_label("Password").fill(PASSWORD)
    click_and_load(page.get_by_role("button", name="Log in"))
    assert "/admin/two-factor/set-up/" in page.url
    assert page.locator("img.staff-qr").is_visible()
    assert_no_axe_violations(page)
    device = TOTPDevice.objects.get(user__username="analyst")
    page.get_by_label("Code from your authenticator app").fill(device_code(device))
    click_and_load(page.get_by_role("button", name="Finish setting up"))
    assert page.url.rstrip("/").endswith("/admin")
