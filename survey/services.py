"""Every write to the survey's rows: drafts, answers, submission, withdrawal,
contact details, deletion, retention and case studies drawn from responses."""

import logging
from datetime import date, datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record
from casestudies.models import CaseStudy
from casestudies.services import case_study_draft_from_example
from survey.models import (
    Collector,
    ContactDetails,
    ExampleCaseStudy,
    Response,
    Wave,
)
from survey.models.examples import example_fields
from survey.redaction import answers_masked, redactions_for
from survey.routing import answers_pruned
from throttling.tokens import token_hash, token_new

logger = logging.getLogger(__name__)

# What saving a page of a draft writes. Not the search text (nor so its
# vector): that is built once, at submission.
DRAFT_FIELDS = (
    "answers",
    "sector",
    "boroughs",
    "organisation",
    "last_step",
    "saved_after_close_at",
    "updated_at",
)


class WaveClosedError(Exception):
    """The wave is not accepting answers at this moment."""


class ConsentMissingError(Exception):
    """A response cannot be submitted without consent."""


class NoConsentError(Exception):
    """The respondent did not leave contact details, so no case study is started."""


class EmailNotSentError(Exception):
    """The mail server could not be reached or refused the message."""


def response_start(
    *, wave: Wave, via: str = "", now: datetime | None = None
) -> tuple[Response, str]:
    """Create a draft for an open wave; return it with its resume token.

    ``via`` is the code of the link the person came through: a usable
    collector of this wave is recorded; any other code records a direct
    response, never an error.
    """
    if not wave.is_open(now):
        raise WaveClosedError
    collector = Collector.objects.usable(wave, via, now).first() if via else None
    token = token_new()
    response = Response.objects.create(
        wave=wave, resume_token_hash=token_hash(token), collector=collector
    )
    return response, token


def _locked(response: Response) -> Response:
    """The response's row, locked until the transaction ends, with its wave.

    Only the response is locked: saves and submissions do not queue on the wave.
    """
    return (
        Response.objects.select_for_update(of=("self",))
        .select_related("wave")
        .get(pk=response.pk)
    )


def response_save_answers(
    *,
    response: Response,
    page_answers: dict,
    page_keys: list[str],
    step_key: str,
    questions: list,
    now: datetime | None = None,
) -> Response:
    """Merge one page's answers into a draft, dropping answers routing now hides.

    If the wave has closed, the answers are still kept with the draft (so what
    was typed is not silently thrown away) and WaveClosedError is raised.

    The draft as the view read it is merged and written in one UPDATE, on
    condition that it has not changed since (same ``updated_at``, still a
    draft). Only if it has (another tab saved meanwhile) is it read again under
    a lock and merged afresh, so no page's answers are ever lost.
    """
    now = now or timezone.now()
    page = {
        "page_answers": page_answers,
        "page_keys": page_keys,
        "step_key": step_key,
        "questions": questions,
        "now": now,
    }
    if not response.is_submitted and response.pk:
        read_at = response.updated_at
        closed = _draft_merge(response, **page)
        unchanged = Response.objects.drafts().filter(pk=response.pk, updated_at=read_at)
        if unchanged.update(**{name: getattr(response, name) for name in DRAFT_FIELDS}):
            if closed:
                raise WaveClosedError
            return response
    with transaction.atomic():
        locked = _locked(response)
        if locked.is_submitted:
            return locked
        closed = _draft_merge(locked, **page)
        locked.save(update_fields=list(DRAFT_FIELDS))
    if closed:
        raise WaveClosedError
    return locked


def _draft_merge(
    draft: Response,
    *,
    page_answers: dict,
    page_keys: list[str],
    step_key: str,
    questions: list,
    now: datetime,
) -> bool:
    """Merge a page into a draft in memory; True if the wave has closed."""
    answers = {k: v for k, v in draft.answers.items() if k not in page_keys}
    answers.update(page_answers)
    draft.set_draft_answers(answers_pruned(questions, answers))
    draft.last_step = step_key
    draft.updated_at = timezone.now()
    closed = not draft.wave.is_open(now)
    if closed:
        draft.saved_after_close_at = now
    return closed


def _reference_assign(response: Response, now: datetime) -> None:
    for _attempt in range(5):
        response.reference = Response.new_reference()
        try:
            with transaction.atomic():
                response.status = Response.Status.SUBMITTED
                response.submitted_at = now
                response.save(
                    update_fields=[
                        "status",
                        "submitted_at",
                        "reference",
                        "search_text",
                        "updated_at",
                    ]
                )
            return
        except IntegrityError:
            # 30^8 references make a clash very unlikely; try a new one.
            continue
    raise IntegrityError("Could not find an unused reference.")


def response_submit(
    *,
    response: Response,
    now: datetime | None = None,
    text_keys: set[str] | None = None,
) -> Response:
    """Submit a draft once; submitting it again returns the same submission.

    ``text_keys`` are the wave's free-text keys, if the caller has its
    questions at hand (a query saved); otherwise they are read.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(response)
        if locked.is_submitted:
            return locked
        if not locked.wave.is_open(now):
            raise WaveClosedError
        if locked.answers.get("consent") != "yes":
            raise ConsentMissingError
        # Drafts carry no search text: it is built here, once.
        locked.refresh_search_text(text_keys)
        _reference_assign(locked, now)
    return locked


def response_delete(*, response: Response, user=None) -> None:
    """Delete a response and, with it, any contact details, recording who did.

    ``user`` is the staff member deleting it; without one, the respondent is
    withdrawing it. The audit trail keeps that it happened (reference, wave,
    whether contact details were held), never what was answered or who the
    respondent was; both writes succeed or neither does.
    """
    with transaction.atomic():
        wave_slug = Wave.objects.values_list("slug", flat=True).get(pk=response.wave_id)
        had_contact = ContactDetails.objects.filter(response_id=response.pk).exists()
        audit_record(
            user=user,
            username="" if user is not None else "respondent",
            action=AuditEvent.Action.DELETE_RESPONSE
            if user is not None
            else AuditEvent.Action.WITHDRAWAL,
            obj=response,
            detail={
                "reference": response.reference,
                "wave": wave_slug,
                "contact_details": had_contact,
            },
        )
        Response.objects.filter(pk=response.pk).delete()


def response_withdraw(*, response: Response) -> None:
    """The respondent withdraws a submitted response: it is deleted."""
    response_delete(response=response)


def contact_details_save(
    *,
    response: Response,
    details: dict | None,
    step_key: str = "",
    now: datetime | None = None,
) -> ContactDetails | None:
    """Store, replace or (with ``details`` None) delete the case-study contact.

    ``step_key``, if given, is recorded as the draft's last step in the same
    transaction: the contact page's choice and the respondent's place in the
    survey are kept together or not at all.
    """
    with transaction.atomic():
        contact = None
        if details is None:
            ContactDetails.objects.filter(response=response).delete()
        else:
            contact, _ = ContactDetails.objects.update_or_create(
                response=response,
                defaults={**details, "consented_at": now or timezone.now()},
            )
        if step_key:
            Response.objects.filter(pk=response.pk).update(last_step=step_key)
            response.last_step = step_key
    return contact


def resume_link_email(*, wave: Wave, email: str, link: str) -> None:
    """Send the resume link to an address that is used once and not stored."""
    context = {"wave": wave, "link": link, "closes": wave.last_moment}
    try:
        send_mail(
            subject=f"Your link to continue the {wave.name}",
            message=render_to_string("survey/email/resume_link.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[email],
        )
    except OSError as error:
        # smtplib's errors are OSErrors, as are refused and timed-out connections.
        # One line, without the address: it is not kept, not even in the log.
        logger.warning("Resume link email not sent: %s", error.__class__.__name__)
        raise EmailNotSentError from error


def wave_coverage_target_set(*, wave: Wave, coverage_target: int) -> Wave:
    """Set the submitted responses a wave wants for each borough and sector.

    Only that column is written, so an edit of the wave made meanwhile (in
    the admin) is not overwritten with what this request read.
    """
    if coverage_target < 1:
        raise ValueError("A coverage target is 1 or more.")
    with transaction.atomic():
        Wave.objects.filter(pk=wave.pk).update(coverage_target=coverage_target)
        wave.coverage_target = coverage_target
    return wave


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


def retention_purge(*, today: date | None = None, username: str = "") -> dict:
    """Delete contact details and drafts of every wave past its retention date.

    Withdrawn responses need nothing here: ``response_delete`` removes them,
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


def response_case_study_start(*, response: Response, user) -> CaseStudy:
    """A draft case study from a consenting respondent's example, linked back.

    If one was already started from this response, that one is returned. The
    response is locked first, so a second submit (a double click, two tabs)
    waits for the first and then finds its draft; the link's unique response
    is the database's guarantee behind that. The organisation is the one given
    with the contact details: the survey's own organisation answer stays in the
    analysts' view.
    """
    with transaction.atomic():
        locked = Response.objects.select_for_update(of=("self",)).get(pk=response.pk)
        existing = ExampleCaseStudy.case_study_of(locked)
        if existing is not None:
            return existing
        contact = ContactDetails.objects.filter(response=locked).first()
        if contact is None:
            raise NoConsentError
        # Flagged passages are masked; the stored answers stay as they are.
        answers = answers_masked(
            locked.answers,
            redactions_for(Response.objects.filter(pk=locked.pk)).get(locked.pk),
        )
        case_study = case_study_draft_from_example(
            **example_fields(locked, answers=answers, organisation=contact.organisation)
        )
        ExampleCaseStudy.objects.create(response=locked, case_study=case_study)
        audit_record(
            user=user,
            action=AuditEvent.Action.CASE_STUDY,
            obj=locked,
            detail={"case_study": case_study.pk},
        )
    return case_study
