"""Responses (drafts included), their searchable text, and the contact details
kept apart from them."""

import secrets

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper

from survey.models.collectors import Collector
from survey.models.figures import ResponseFiguresMixin
from survey.models.questions import free_text_keys
from survey.models.waves import Wave
from throttling.tokens import token_hash
from vocabulary.choices import Borough

# Crockford-style alphabet without 0/O, 1/I/L and U, so a reference read out
# over the phone or copied by hand is not mistyped.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_PREFIX = "TIL"


class ResponseQuerySet(ResponseFiguresMixin, models.QuerySet):
    """Queries over responses."""

    def submitted(self):
        """Responses that count: submitted ones."""
        return self.filter(status=Response.Status.SUBMITTED)

    def drafts(self):
        """Unfinished responses, never counted."""
        return self.filter(status=Response.Status.DRAFT)

    def for_wave(self, wave: Wave):
        """Responses to one wave."""
        return self.filter(wave=wave)

    def with_token(self, token: str):
        """The response a resume token belongs to (empty if none)."""
        return self.filter(resume_token_hash=token_hash(token))


class Response(models.Model):
    """One respondent's answers to a wave: a draft until submitted."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"

    wave = models.ForeignKey(Wave, on_delete=models.PROTECT, related_name="responses")
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    answers = models.JSONField(default=dict, blank=True)
    reference = models.CharField(max_length=20, blank=True)
    resume_token_hash = models.CharField(max_length=64, unique=True)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    saved_after_close_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When answers arrived after the wave closed and were kept in "
        "the draft (never counted).",
    )
    last_step = models.CharField(
        max_length=60,
        blank=True,
        help_text="The last page saved, so a resume link opens the next one.",
    )
    sector = models.CharField(max_length=40, blank=True)
    boroughs = ArrayField(
        models.CharField(max_length=40, choices=Borough.choices),
        default=list,
        blank=True,
    )
    organisation = models.CharField(max_length=200, blank=True)
    # PROTECT: deleting a link would silently recast its responses as direct
    # and change past coverage; a link is retired by unticking "active".
    collector = models.ForeignKey(
        Collector,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responses",
        help_text="The link the response came through; empty means direct.",
    )
    search_text = models.TextField(
        blank=True,
        default="",
        editable=False,
        help_text="The organisation and free-text answers (never option codes), "
        "kept for the admin's search.",
    )
    # Kept by PostgreSQL from search_text, so a search never recomputes it.
    search_vector = models.GeneratedField(
        expression=SearchVector("search_text", config="simple"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ResponseQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reference"],
                condition=~Q(reference=""),
                name="survey_response_reference_unique",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="submitted", submitted_at__isnull=False) & ~Q(reference="")
                )
                | Q(status="draft", submitted_at__isnull=True, reference=""),
                name="survey_response_submitted_has_reference_and_time",
            ),
        ]
        indexes = [
            # A wave's responses by status, carrying the columns the dashboard
            # counts (days, sectors, boroughs, collectors), so those counts are
            # index-only scans, not reads of every wide row (docs/performance.md).
            models.Index(
                fields=["wave", "status"],
                include=[
                    "id",
                    "sector",
                    "boroughs",
                    "started_at",
                    "submitted_at",
                    "collector",
                ],
                name="survey_resp_wave_counts",
            ),
            models.Index(fields=["sector"], name="survey_resp_sector"),
            # The admin list: submitted responses, newest submission first.
            models.Index(
                fields=["status", "-submitted_at", "-id"],
                name="survey_resp_status_submitted",
            ),
            # The admin's search: words are found through this index, then
            # matched as substrings (survey/admin/responses.py).
            GinIndex(fields=["search_vector"], name="survey_resp_search_vector"),
            # Any other term: icontains compiles to UPPER(search_text) LIKE
            # UPPER(%s), which a trigram index on UPPER(search_text) serves
            # (pg_trgm, created by migration 0010; docs/admin.md).
            GinIndex(
                OpClass(Upper("search_text"), name="gin_trgm_ops"),
                name="survey_resp_search_trgm",
            ),
        ]
        ordering = ["-started_at"]
        # Rights over responses beyond viewing and editing rows (staff/roles.py).
        permissions = [
            ("export_responses", "Can export survey responses"),
            ("view_dashboard", "Can see the survey dashboard"),
            ("start_case_study", "Can start a draft case study from a response"),
        ]

    def __str__(self):
        return self.reference or f"Draft {self.pk}"

    @staticmethod
    def new_reference() -> str:
        """A human-friendly reference such as TIL-7K3M-9QX2."""
        chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
        return f"{REFERENCE_PREFIX}-{chars[:4]}-{chars[4:]}"

    @property
    def is_submitted(self) -> bool:
        """True once the response counts."""
        return self.status == self.Status.SUBMITTED

    def set_answers(self, answers: dict, text_keys: set[str] | None = None) -> None:
        """Replace the answers and refresh the columns copied out of them.

        ``text_keys`` are the wave's free-text keys (``free_text_keys``); pass
        them when saving many responses, to save a query each.
        """
        self.set_draft_answers(answers)
        self.refresh_search_text(text_keys)

    def set_draft_answers(self, answers: dict) -> None:
        """Replace a draft's answers and the columns the admin filters on.

        Not the search text: only submitted responses are searched, so it is
        built once, at submission, not on every page saved.
        """
        self.answers = answers
        sector = answers.get("sector", "")
        self.sector = sector if isinstance(sector, str) else ""
        boroughs = answers.get("boroughs", [])
        if isinstance(boroughs, str):
            boroughs = [boroughs]
        self.boroughs = [b for b in boroughs if b in Borough.values]
        organisation = answers.get("organisation_name", "")
        self.organisation = organisation[:200] if isinstance(organisation, str) else ""

    def refresh_search_text(self, text_keys: set[str] | None = None) -> None:
        """Rebuild ``search_text`` from the answers (see ``search_text_for``)."""
        if text_keys is None:
            text_keys = free_text_keys(self.wave_id)
        self.search_text = search_text_for(
            self.answers or {}, text_keys, self.organisation
        )


def search_text_for(answers: dict, keys: set[str], organisation: str = "") -> str:
    """The searchable text of one response: organisation, then free-text answers.

    Only the values of ``keys`` are kept, so option codes and JSON keys never
    match a search. Values are joined by newlines, in key order, so the text is
    the same whichever order the answers were saved in.
    """
    parts = [organisation] if organisation else []
    for key in sorted(keys):
        value = answers.get(key)
        if isinstance(value, str) and value.strip() and value != organisation:
            parts.append(value)
    return "\n".join(parts)


class ContactDetails(models.Model):
    """Opt-in contact details for a case study, kept apart and deletable alone."""

    response = models.OneToOneField(
        Response, on_delete=models.CASCADE, related_name="contact_details"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField(max_length=254)
    phone = models.CharField(max_length=40, blank=True)
    role = models.CharField(max_length=200, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    consented_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "contact details"
        verbose_name_plural = "contact details"

    def __str__(self):
        return f"Contact details for {self.response}"
