"""Coding in a browser: keyboard-only coding, double coding, agreement, a masked
export, and axe on every coding page."""

import io
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import load_workbook

from coding.models import Code, Codebook, Coding, Sample
from e2e.axe import assert_no_axe_violations
from e2e.browser import click_and_load, sign_in
from staff.roles import ANALYST, roles_sync
from staff.tests.fixtures import PASSWORD
from survey.tests.factories import SAMPLE_ANSWERS, submitted, wave_with_questionnaire

pytestmark = pytest.mark.django_db(transaction=True)

TEXTS = [
    "Our manager protects time for reflective supervision.",
    "Training was a one-off with nothing after it.",
    "Caseloads are too high to attend anything.",
    "Leaders talk about it but funding ended.",
    "We ask what happened to you, not what is wrong with you.",
    "Ask Jo Bloggs at the Elm Street hub about it.",
    "Peer support after hard cases helps a lot.",
    "Short-term grants make it hard to keep going.",
    "Refresher sessions every quarter keep it alive.",
    "Nobody senior has ever mentioned it.",
]


def _staff(username: str):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=ANALYST))
    return user, TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


@pytest.fixture
def coders():
    """Two analysts, a wave with ten answers to code, and a codebook."""
    roles_sync(apps)
    wave = wave_with_questionnaire(slug="coding-browser")
    responses = [
        submitted(wave, {**SAMPLE_ANSWERS, "meaning_own_words": text}) for text in TEXTS
    ]
    codebook = Codebook.objects.create(wave=wave)
    for order, name in enumerate(["What helps", "What gets in the way", "Funding"]):
        Code.objects.create(
            codebook=codebook, name=name, definition=f"{name}.", order=order
        )
    return codebook, responses, _staff("coder-one"), _staff("coder-two")


def _code_ten_with_keys(page, keys: list[str]) -> None:
    """Tick codes with number keys and move on with j, never touching the mouse."""
    for key in keys:
        page.wait_for_selector("#coding-form")
        reference = page.locator("#answer-heading").inner_text()
        page.keyboard.press(key)
        with page.expect_navigation():
            page.keyboard.press("j")
        assert page.get_by_text("Saved " + reference.split()[-1]).is_visible()


def test_two_analysts_code_double_code_and_see_agreement(
    live_server, page, new_context, coders
):
    codebook, responses, (one, one_device), (two, two_device) = coders
    base = live_server.url
    sign_in(page, base, one.username, one_device)

    # The first analyst assigns every answer for blind double coding.
    page.goto(base + f"/admin/coding/codebook/{codebook.pk}/double-coding/")
    assert_no_axe_violations(page)
    page.get_by_label("Percentage of answers").fill("100")
    page.get_by_label("coder-one").check()
    page.get_by_label("coder-two").check()
    click_and_load(page.get_by_role("button", name="Assign the sample"))
    assert page.get_by_text("10 answers assigned to 2 coders").is_visible()
    sample = Sample.objects.get()

    # Ten answers, keyboard only: 1 or 2 ticks a code, j saves and moves on.
    page.goto(base + f"/admin/coding/codebook/{codebook.pk}/code/?sample={sample.pk}")
    assert_no_axe_violations(page)
    _code_ten_with_keys(page, ["1", "2"] * 5)
    assert Coding.objects.filter(coder=one).count() == 10
    assert page.get_by_text("That was the last answer").is_visible()

    # Type-ahead: "/" then a name then Enter ticks the code.
    page.keyboard.press("/")
    page.keyboard.type("fund")
    page.keyboard.press("Enter")
    with page.expect_navigation():
        page.keyboard.press("s")
    assert (
        Coding.objects.get(coder=one, response=responses[-1])
        .codes.filter(name="Funding")
        .exists()
    )

    # The second coder, on another device, codes the same ten blind.
    other = new_context().new_page()
    sign_in(other, base, two.username, two_device)
    other.goto(base + f"/admin/coding/codebook/{codebook.pk}/code/?sample={sample.pk}")
    assert "coder-one" not in other.content()
    _code_ten_with_keys(other, ["1"] * 10)
    assert Coding.objects.filter(coder=two).count() == 10

    page.goto(base + f"/admin/coding/codebook/{codebook.pk}/double-coding/{sample.pk}/")
    assert page.get_by_role("columnheader", name="Cohen's kappa").is_visible()
    # One coder ticked "What helps" on half the answers, the other on all:
    # kappa 0.00, alpha 1 - 19 * 10 / 150 = -0.27.
    row = page.locator("table.coding-agreement tr", has_text="What helps")
    assert row.inner_text().split("\t")[1:] == ["10", "5", "0.00", "-0.27"]
    assert page.get_by_role("heading", name=responses[1].reference).is_visible()
    assert_no_axe_violations(page)


def test_a_flagged_passage_is_masked_in_the_export(live_server, page, coders, tmp_path):
    codebook, responses, (one, one_device), _ = coders
    base = live_server.url
    sign_in(page, base, one.username, one_device)
    flagged = responses[5]
    page.goto(
        base + f"/admin/coding/codebook/{codebook.pk}/code/"
        f"?at=meaning_own_words&response={flagged.pk}"
    )
    page.get_by_label("Passage to flag for redaction").fill("Jo Bloggs")
    click_and_load(page.get_by_role("button", name="Flag for redaction"))
    assert page.get_by_text("Passage flagged for redaction.").is_visible()
    assert page.locator("mark", has_text="Jo Bloggs").is_visible()
    assert_no_axe_violations(page)

    page.goto(base + "/admin/survey/response/")
    click_and_load(page.get_by_role("link", name="Export"))
    page.get_by_label("Format").select_option(label="xlsx")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export").click()
    workbook = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    headers, *values = list(workbook.active.values)
    rows = [dict(zip(headers, row, strict=True)) for row in values]
    text = next(r for r in rows if r["reference"] == flagged.reference)
    assert text["meaning_own_words"] == "Ask [redacted] at the Elm Street hub about it."
    assert "Jo Bloggs" not in str(values)


def test_every_other_coding_page_has_no_axe_violations(live_server, page, coders):
    codebook, _, (one, one_device), _ = coders
    base = live_server.url
    sign_in(page, base, one.username, one_device)
    page.goto(base + f"/admin/coding/codebook/{codebook.pk}/themes/")
    assert_no_axe_violations(page)
    page.get_by_label("Question").select_option("meaning_own_words")
    click_and_load(page.get_by_role("button", name="Suggest themes"))
    assert page.get_by_role("heading", name="Suggested themes from 10").is_visible()
    assert_no_axe_violations(page)
    page.goto(base + "/admin/coding/codebook/copy/")
    click_and_load(page.get_by_role("button", name="Copy the codebook"))
    assert page.title().startswith("Error:")
    assert_no_axe_violations(page)


def test_django_admin_pages_for_codebooks_have_no_axe_violations(
    live_server, page, coders
):
    """The changelist, the add form and the change form with its Code inline."""
    codebook, _, (one, one_device), _ = coders
    base = live_server.url
    sign_in(page, base, one.username, one_device)
    page.goto(base + "/admin/coding/")
    assert_no_axe_violations(page)
    page.goto(base + "/admin/coding/codebook/")
    assert_no_axe_violations(page)
    page.goto(base + "/admin/coding/codebook/add/")
    assert_no_axe_violations(page)
    # Past the browser's own check of the required wave, to the server's errors.
    page.locator("#codebook_form").evaluate("form => { form.noValidate = true; }")
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    assert page.locator(".errornote").is_visible()
    assert_no_axe_violations(page)
    page.goto(base + f"/admin/coding/codebook/{codebook.pk}/change/")
    assert page.locator(".inline-related.has_original").count() == 3
    assert_no_axe_violations(page)
    page.goto(base + f"/admin/coding/codebook/{codebook.pk}/history/")
    assert_no_axe_violations(page)
    page.goto(base + f"/admin/coding/codebook/{codebook.pk}/delete/")
    assert page.get_by_role("button", name="Yes, I\u2019m sure").is_visible()
    assert_no_axe_violations(page)
