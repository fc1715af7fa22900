"""Writes that must leave an audit record: exports, contact details, retention."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record
from survey.models import ContactDetails, Response, Wave
from vocabulary.choices import Borough, Evidence, R, Sector


class NoConsentError(Exception):
    """The respondent did not leave contact details, so no case study is started."""


def contact_details_view(*, response: Response, user) -> ContactDetails | None:
    """The contact details of a response, recording that they were seen."""
    contact = ContactDetails.objects.filter(response=response).first()
    if contact is not None:
        audit_record(user=user, action=AuditEvent.Action.VIEW_CONTACT, obj=response)
    return contact


def contact_details_delete(*, response: Response, user) -> bool:
    """Delete a response's contact details alone; True if there were any."""
    with transaction.atomic():
        deleted, _ = ContactDetails.objects.filter(response=response).delete()
        if deleted:
            audit_record(
                user=user, action=AuditEvent.Action.DELETE_CONTACT, obj=response
            )
    return bool(deleted)


def response_delete(*, response: Response, user) -> None:
    """Delete a response (and its contact details), for a withdrawal request."""
    with transaction.atomic():
        audit_record(user=user, action=AuditEvent.Action.DELETE_RESPONSE, obj=response)
        response.delete()


def retention_purge(*, today: dt.date | None = None, username: str = "") -> dict:
    """Delete contact details and drafts of every wave past its retention date.

    Withdrawn responses need nothing here: ``response_withdraw`` deletes them,
    with their contact details, the moment a respondent withdraws. Returns
    the counts deleted per wave slug, and records them in the audit trail.
    """
    today = today or timezone.localdate()
    deleted: dict[str, dict[str, int]] = {}
    with transaction.atomic():
        for wave in Wave.objects.filter(retention_until__lt=today).order_by("slug"):
            contacts, _ = ContactDetails.objects.filter(response__wave=wave).delete()
            drafts = Response.objects.for_wave(wave).drafts()
            # Drafts can hold contact details too; the cascade counts them above.
            draft_count = drafts.count()
            drafts.delete()
            if contacts or draft_count:
                deleted[wave.slug] = {
                    "contact_details": contacts,
                    "drafts": draft_count,
                }
        total = sum(sum(counts.values()) for counts in deleted.values())
        audit_record(
            action=AuditEvent.Action.RETENTION,
            username=username,
            row_count=total,
            detail={"date": today.isoformat(), "deleted": deleted},
        )
    return deleted


def case_study_start(*, response: Response, user):
    """A draft case study from a consenting respondent's example, linked back.

    If one was already started from this response, that one is returned.
    Contact details are not copied: a published case study shows its contact,
    and the respondent agreed to be contacted, not to be named.
    """
    from casestudies.models import CaseStudy

    existing = CaseStudy.objects.filter(source_response=response).first()
    if existing is not None:
        return existing
    if not ContactDetails.objects.filter(response=response).exists():
        raise NoConsentError
    answers = response.answers
    description = _text(answers.get("example_description"))
    difference = _text(answers.get("example_difference"))
    evidence_answer = _text(answers.get("example_evidence"))
    evidence = (
        evidence_answer
        if evidence_answer in Evidence.values
        else Evidence.PRACTITIONER_REPORTED
    )
    summary = description.split("\n\n")[0][:600] or "Summary to be written."
    with transaction.atomic():
        case_study = CaseStudy.objects.create(
            title=f"Example from survey response {response.reference}"[:200],
            slug=f"survey-{response.reference.lower()}",
            summary=summary,
            body=description or "To be written with the respondent.",
            outcomes=difference,
            organisations=[response.organisation] if response.organisation else [],
            sectors=[response.sector] if response.sector in Sector.values else [],
            places=[
                b
                for b in response.boroughs
                if b in Borough.values and b != Borough.OUTSIDE_LONDON
            ],
            rs=[r for r in _list(answers.get("example_rs")) if r in R.values],
            evidence=evidence,
            evidence_note=(
                "From the survey answer on evidence: "
                f"{evidence_answer or 'not answered'}. Check with the respondent "
                "before publishing."
            ),
            source_response=response,
            status=CaseStudy.Status.DRAFT,
        )
        audit_record(
            user=user,
            action=AuditEvent.Action.CASE_STUDY,
            obj=response,
            detail={"case_study": case_study.pk},
        )
    return case_study


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _list(value) -> list:
    if isinstance(value, list):
        return value
    return [value] if isinstance(value, str) else []
