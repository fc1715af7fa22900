"""Retention: contact details and drafts go after a wave's date; withdrawals at once."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from audit.models import AuditEvent
from survey.models import ContactDetails, Response
from survey.services import response_withdraw
from survey.tests.factories import (
    ContactDetailsFactory,
    ResponseFactory,
    WaveFactory,
    submitted,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def waves(questionnaire):
    expired = WaveFactory(
        slug="expired",
        questionnaire=questionnaire,
        retention_until=dt.date(2026, 1, 31),
    )
    current = WaveFactory(
        slug="current",
        questionnaire=questionnaire,
        retention_until=dt.date(2027, 1, 31),
    )
    return expired, current


def test_past_retention_contact_details_and_drafts_go_and_answers_stay(waves):
    expired, current = waves
    kept = submitted(expired, contact=True)
    draft = ResponseFactory(wave=expired)
    ContactDetailsFactory(response=draft)
    current_response = submitted(current, contact=True)
    current_draft = ResponseFactory(wave=current)
    out = StringIO()
    call_command("purge_expired", "--today", "2026-02-01", stdout=out)
    assert "expired: 2 contact details, 1 drafts deleted" in out.getvalue()
    assert Response.objects.filter(pk=kept.pk).exists()
    assert not Response.objects.filter(pk=draft.pk).exists()
    assert not ContactDetails.objects.filter(response__wave=expired).exists()
    assert ContactDetails.objects.filter(response=current_response).exists()
    assert Response.objects.filter(pk=current_draft.pk).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.RETENTION)
    assert event.row_count == 3
    assert event.detail["deleted"] == {"expired": {"contact_details": 2, "drafts": 1}}
    assert event.username.startswith("purge_expired")


def test_nothing_goes_on_the_retention_date_itself(waves):
    expired, _ = waves
    submitted(expired, contact=True)
    out = StringIO()
    call_command("purge_expired", "--today", "2026-01-31", stdout=out)
    assert "Nothing to delete." in out.getvalue()
    assert ContactDetails.objects.count() == 1
    # The run is still recorded, with nothing deleted.
    assert AuditEvent.objects.get(action=AuditEvent.Action.RETENTION).row_count == 0


def test_running_twice_deletes_nothing_more(waves):
    expired, _ = waves
    submitted(expired, contact=True)
    call_command("purge_expired", "--today", "2026-02-01", stdout=StringIO())
    out = StringIO()
    call_command("purge_expired", "--today", "2026-02-01", stdout=out)
    assert "Nothing to delete." in out.getvalue()


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("purge_expired", "--today", "1 Feb", stdout=StringIO())


def test_withdrawn_responses_leave_nothing_behind(open_wave):
    response = submitted(open_wave, contact=True)
    response_withdraw(response=response)
    assert not Response.objects.filter(pk=response.pk).exists()
    assert not ContactDetails.objects.exists()
    assert not Response.objects.filter(reference=response.reference).exists()
