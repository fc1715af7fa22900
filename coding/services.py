"""Every write to the coding app's rows: codebooks, codings, redactions,
samples and settlements. Codebook changes and redactions are audited."""

import math
import random

from django.db import IntegrityError, transaction

from audit.models import AuditEvent
from audit.services import audit_record
from coding.models import Code, Codebook, Coding, Redaction, Sample, Settlement
from survey.models import Question, Response, Wave


class CodingRefused(Exception):
    """A write that cannot be made; the message says why, for the page."""


class StaleCoding(CodingRefused):
    """The coding changed since the form was opened; ``current`` is what is saved."""

    def __init__(self, message: str, current: Coding | None):
        super().__init__(message)
        self.current = current


def codebook_change_record(*, user, obj, change: str, detail: dict | None = None):
    """Record a change to a codebook or one of its codes in the audit trail."""
    audit_record(
        user=user,
        action=AuditEvent.Action.CODEBOOK_CHANGE,
        obj=obj,
        detail={"change": change, **(detail or {})},
    )


@transaction.atomic
def codebook_copy(*, source: Codebook, wave: Wave, user) -> Codebook:
    """A new codebook for ``wave`` holding a copy of every code of ``source``."""
    if Codebook.objects.filter(wave=wave).exists():
        raise CodingRefused(f"{wave} already has a codebook.")
    codebook = Codebook.objects.create(
        wave=wave, copied_from=source, is_demo=source.is_demo
    )
    copies: dict[int, Code] = {}
    codes = list(source.codes.order_by("parent_id", "order", "id"))
    # Parents first (their parent_id is null, which sorts last in PostgreSQL).
    for code in sorted(codes, key=lambda c: c.parent_id is not None):
        copies[code.pk] = Code.objects.create(
            codebook=codebook,
            name=code.name,
            definition=code.definition,
            use_when=code.use_when,
            dont_use_when=code.dont_use_when,
            colour=code.colour,
            order=code.order,
            parent=copies.get(code.parent_id) if code.parent_id else None,
        )
    codebook_change_record(
        user=user,
        obj=codebook,
        change="copied",
        detail={"from": source.pk, "codes": len(copies)},
    )
    return codebook


def coding_save(
    *,
    response: Response,
    question: Question,
    coder,
    code_ids: list[int],
    note: str,
    version: int,
) -> Coding:
    """Save one coder's codes for one answer, if nobody saved it since ``version``.

    ``version`` is the version the form showed (0: not yet coded). A stale
    form or a save racing another raises ``StaleCoding`` with what is saved,
    so the page can show both and nothing is lost.
    """
    codes = list(
        Code.objects.filter(pk__in=code_ids, codebook__wave_id=question.wave_id)
    )
    if len(codes) != len(set(code_ids)):
        raise CodingRefused("Select codes from this wave's codebook only.")
    try:
        with transaction.atomic():
            coding = (
                Coding.objects.select_for_update()
                .filter(response=response, question=question, coder=coder)
                .first()
            )
            if coding is None:
                if version != 0:
                    raise StaleCoding(_STALE, None)
                coding = Coding.objects.create(
                    response=response, question=question, coder=coder, note=note
                )
            elif coding.version != version:
                raise StaleCoding(_STALE, coding)
            else:
                coding.note = note
                coding.version += 1
                coding.save(update_fields=["note", "version", "updated_at"])
            coding.codes.set(codes)
    except IntegrityError as clash:
        # Another save of the same answer by the same coder won the race.
        current = Coding.objects.filter(
            response=response, question=question, coder=coder
        ).first()
        raise StaleCoding(_STALE, current) from clash
    return coding


_STALE = (
    "This answer's coding was saved from another page since you opened it. "
    "Both are shown below: check the codes and save again."
)


def passage_spans(text: str, passage: str) -> list[tuple[int, int]]:
    """Where ``passage`` occurs in ``text``: every occurrence, as (start, end)."""
    spans, start = [], text.find(passage) if passage else -1
    while start != -1:
        spans.append((start, start + len(passage)))
        start = text.find(passage, start + len(passage))
    return spans


@transaction.atomic
def redaction_flag(
    *, response: Response, question: Question, passage: str, user
) -> list[Redaction]:
    """Flag every occurrence of ``passage`` in the answer; the answer is unchanged."""
    text = response.answers.get(question.code)
    passage = passage.strip()
    spans = passage_spans(text, passage) if isinstance(text, str) else []
    if not spans:
        raise CodingRefused(
            "Enter a passage exactly as it appears in the answer, to flag it."
        )
    flagged = []
    for start, end in spans:
        redaction, _ = Redaction.objects.get_or_create(
            response=response,
            question=question,
            start=start,
            end=end,
            defaults={"passage": passage, "flagged_by": user},
        )
        flagged.append(redaction)
    audit_record(
        user=user,
        action=AuditEvent.Action.REDACTION,
        obj=response,
        detail={"question": question.code, "spans": spans},
    )
    return flagged


@transaction.atomic
def redaction_remove(*, redaction: Redaction, user) -> None:
    """Unflag a passage (recorded, like the flag)."""
    audit_record(
        user=user,
        action=AuditEvent.Action.REDACTION,
        obj=redaction.response,
        detail={
            "question": redaction.question.code,
            "removed": [redaction.start, redaction.end],
        },
    )
    redaction.delete()


@transaction.atomic
def sample_assign(
    *, question: Question, percent: int, seed: int, coders: list, user
) -> Sample:
    """Draw ``percent`` of a question's answers (repeatably, from ``seed``) for
    blind double coding by ``coders``."""
    from coding.answers import answers_of

    if len(coders) < 2:
        raise CodingRefused("Select at least two coders for double coding.")
    pks = sorted(answers_of(question).values_list("pk", flat=True))
    if not pks:
        raise CodingRefused("This question has no answers to sample yet.")
    size = max(1, math.ceil(len(pks) * percent / 100))
    # Not for security: the same seed must give the same sample.
    chosen = random.Random(seed).sample(pks, size)  # noqa: S311
    sample = Sample.objects.create(
        question=question, percent=percent, seed=seed, created_by=user
    )
    sample.coders.set(coders)
    sample.responses.set(chosen)
    return sample


@transaction.atomic
def settlement_save(
    *, response: Response, question: Question, code_ids: list[int], user
) -> Settlement:
    """Record the codes the coders agreed on for one answer."""
    codes = list(
        Code.objects.filter(pk__in=code_ids, codebook__wave_id=question.wave_id)
    )
    if len(codes) != len(set(code_ids)):
        raise CodingRefused("Select codes from this wave's codebook only.")
    settlement, _ = Settlement.objects.update_or_create(
        response=response, question=question, defaults={"settled_by": user}
    )
    settlement.codes.set(codes)
    return settlement
