"""Writes with rules: start a draft, save answers, submit, withdraw, rate limits."""

import hashlib
import math
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from survey.models import (
    ContactDetails,
    RateLimitBucket,
    Response,
    Wave,
    free_text_keys_of,
)
from survey.routing import answers_pruned

RATE_WINDOW = timedelta(hours=1)


class WaveClosedError(Exception):
    """The wave is not accepting answers at this moment."""


class ConsentMissingError(Exception):
    """A response cannot be submitted without consent."""


def _window_start(now: datetime) -> datetime:
    return now.replace(minute=0, second=0, microsecond=0)


def rate_limit_hit(*, key: str, limit: int, now: datetime | None = None) -> bool:
    """Count one event for ``key`` in this hour; True if it goes over ``limit``.

    One upsert in the database, so the count is shared by every web worker.
    """
    now = now or timezone.now()
    window = _window_start(now)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {RateLimitBucket._meta.db_table} (key, window_start, count) "  # noqa: S608 - table name from the model
            "VALUES (%s, %s, 1) ON CONFLICT (key, window_start) "
            f"DO UPDATE SET count = {RateLimitBucket._meta.db_table}.count + 1 "
            "RETURNING count",
            [key, window],
        )
        count = cursor.fetchone()[0]
    if count == 1:
        # The first event of a key in a window clears windows no longer needed.
        RateLimitBucket.objects.filter(window_start__lt=window - RATE_WINDOW).delete()
    return count > limit


def rate_limit_retry_after(now: datetime | None = None) -> int:
    """Seconds until this hour's counts end: the 429's ``Retry-After``."""
    now = now or timezone.now()
    remaining = _window_start(now) + RATE_WINDOW - now
    return max(1, math.ceil(remaining.total_seconds()))


def client_key(ip_address: str) -> str:
    """A keyed hash of an IP address: counters never hold the address itself."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{ip_address}".encode())
    return f"ip:{digest.hexdigest()[:40]}"


def response_start(*, wave: Wave, now: datetime | None = None) -> tuple[Response, str]:
    """Create a draft for an open wave; return it with its resume token."""
    if not wave.is_open(now):
        raise WaveClosedError
    token = Response.new_token()
    response = Response.objects.create(
        wave=wave, resume_token_hash=Response.hash_token(token)
    )
    return response, token


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
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        if locked.is_submitted:
            return locked
        answers = {k: v for k, v in locked.answers.items() if k not in page_keys}
        answers.update(page_answers)
        locked.set_answers(
            answers_pruned(questions, answers), free_text_keys_of(questions)
        )
        locked.last_step = step_key
        closed = not locked.wave.is_open(now)
        if closed:
            locked.saved_after_close_at = now
        locked.save()
    if closed:
        raise WaveClosedError
    return locked


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


def response_submit(*, response: Response, now: datetime | None = None) -> Response:
    """Submit a draft once; submitting it again returns the same submission."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Response.objects.select_for_update()
            .select_related("wave")
            .get(pk=response.pk)
        )
        if locked.is_submitted:
            return locked
        if not locked.wave.is_open(now):
            raise WaveClosedError
        if locked.answers.get("consent") != "yes":
            raise ConsentMissingError
        # Rebuilt here too, so a draft saved before the search column existed
        # (or by code that bypassed set_answers) is searchable once submitted.
        locked.refresh_search_text()
        _reference_assign(locked, now)
    return locked


def response_withdraw(*, response: Response) -> None:
    """Delete a submitted response and, with it, any contact details.

    The audit trail keeps that it happened (reference, wave, whether contact
    details were held), never what was answered or who the respondent was;
    both writes succeed or neither does.
    """
    # Imported here so the survey app does not load the staff app at import.
    from staff.models import AuditEvent
    from staff.services import audit_record

    with transaction.atomic():
        wave_slug = Wave.objects.values_list("slug", flat=True).get(pk=response.wave_id)
        had_contact = ContactDetails.objects.filter(response_id=response.pk).exists()
        audit_record(
            action=AuditEvent.Action.WITHDRAWAL,
            username="respondent",
            obj=response,
            detail={
                "reference": response.reference,
                "wave": wave_slug,
                "contact_details": had_contact,
            },
        )
        Response.objects.filter(pk=response.pk).delete()


def contact_details_save(
    *, response: Response, details: dict | None, now: datetime | None = None
) -> ContactDetails | None:
    """Store, replace or (with ``details`` None) delete the case-study contact."""
    with transaction.atomic():
        if details is None:
            ContactDetails.objects.filter(response=response).delete()
            return None
        contact, _ = ContactDetails.objects.update_or_create(
            response=response,
            defaults={**details, "consented_at": now or timezone.now()},
        )
        return contact


def resume_link_email(*, wave: Wave, email: str, link: str) -> None:
    """Send the resume link to an address that is used once and not stored."""
    context = {"wave": wave, "link": link, "closes": wave.last_moment}
    send_mail(
        subject=f"Your link to continue the {wave.name}",
        message=render_to_string("survey/email/resume_link.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[email],
    )
