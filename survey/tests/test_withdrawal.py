"""A respondent's withdrawal deletes the response and leaves an audit record."""

import pytest

from audit.models import AuditEvent
from survey.models import ContactDetails, Response
from survey.services import response_withdraw
from survey.tests.factories import submitted

pytestmark = pytest.mark.django_db


def test_withdrawal_is_recorded_with_reference_wave_and_contact_flag(open_wave):
    response = submitted(open_wave, contact=True)
    reference = response.reference
    response_withdraw(response=response)
    assert not Response.objects.filter(reference=reference).exists()
    assert not ContactDetails.objects.exists()
    event = AuditEvent.objects.of_action(AuditEvent.Action.WITHDRAWAL).get()
    assert event.user is None
    assert event.username == "respondent"
    assert event.object_type == "survey.Response"
    assert event.object_repr == reference
    assert event.detail == {
        "reference": reference,
        "wave": open_wave.slug,
        "contact_details": True,
    }
    assert "respondent withdrew" in str(event)


def test_withdrawal_record_holds_no_personal_data(open_wave):
    response = submitted(open_wave, contact=True)
    response_withdraw(response=response)
    event = AuditEvent.objects.get(action=AuditEvent.Action.WITHDRAWAL)
    recorded = str(
        [
            event.username,
            event.object_repr,
            event.filters,
            event.detail,
            event.file_format,
        ]
    )
    for personal in ("Ada Example", "ada@example.org", "Hackney Council", "Housing"):
        assert personal not in recorded


def test_withdrawal_without_contact_details_says_so(open_wave):
    response = submitted(open_wave)
    response_withdraw(response=response)
    event = AuditEvent.objects.get(action=AuditEvent.Action.WITHDRAWAL)
    assert event.detail["contact_details"] is False
    assert AuditEvent.objects.count() == 1
