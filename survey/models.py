"""Waves, the questionnaire as data, responses (drafts included) and contact details.

Answers live in one JSON document per response, keyed by stable question codes,
so a response is one row and an export is one row per response with stable
columns. Sector, boroughs and organisation are copied out of the answers when
answers are saved, so analysts can filter on indexed columns.
"""

import hashlib
import secrets
from datetime import datetime

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from vocabulary.choices import Borough

# Crockford-style alphabet without 0/O, 1/I/L and U, so a reference read out
# over the phone or copied by hand is not mistyped.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_PREFIX = "TIL"
# Paths under /survey/ that are not waves.
RESERVED_WAVE_SLUGS = {"resume", "withdrawn"}

# Answer codes the questionnaire does not list, supplied for every wave.
OTHER = "other"
PREFER_NOT_TO_SAY = "prefer_not_to_say"
DONT_KNOW = "dont_know"
AGREEMENT_OPTIONS = [
    {"code": "strongly_disagree", "label": "Strongly disagree"},
    {"code": "disagree", "label": "Disagree"},
    {"code": "neither", "label": "Neither agree nor disagree"},
    {"code": "agree", "label": "Agree"},
    {"code": "strongly_agree", "label": "Strongly agree"},
    {"code": DONT_KNOW, "label": "Don't know"},
]
# Offered on an agreement item when its file says so; counted apart from
# "Don't know" and from the scale.
NOT_APPLICABLE = "not_applicable"
NOT_APPLICABLE_OPTION = {"code": NOT_APPLICABLE, "label": "Not applicable to my role"}
YES_NO_OPTIONS = [
    {"code": "yes", "label": "Yes"},
    {"code": "no", "label": "No"},
    {"code": DONT_KNOW, "label": "Don't know"},
]
CONSENT_OPTIONS = [{"code": "yes", "label": "Yes, I agree"}]


class Questionnaire(models.Model):
    """One version of the questionnaire definition, as loaded from the repository."""

    code = models.SlugField(max_length=50)
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    estimated_minutes = models.PositiveSmallIntegerField()
    start_page = models.JSONField(
        default=dict,
        blank=True,
        help_text="Start-page text blocks: what_it_is, why, who_sees_answers, "
        "support, privacy.",
    )
    source = models.CharField(
        max_length=200, blank=True, help_text="The file this version was loaded from."
    )
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["code", "version"], name="survey_questionnaire_code_version"
            )
        ]
        ordering = ["code", "version"]

    def __str__(self):
        return f"{self.title} (version {self.version})"


class WaveQuerySet(models.QuerySet):
    """Queries over waves."""

    def published(self):
        """Waves visible to the public."""
        return self.filter(is_published=True)

    def open(self, now: datetime | None = None):
        """Published waves accepting answers at ``now``."""
        now = now or timezone.now()
        return self.published().filter(opens_at__lte=now, closes_at__gt=now)


class Wave(models.Model):
    """One round of the survey, open between two instants (shown in London time)."""

    class Status(models.TextChoices):
        NOT_OPEN_YET = "not_open_yet", "Not open yet"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    opens_at = models.DateTimeField(help_text="London time.")
    closes_at = models.DateTimeField(
        help_text="London time. The wave is closed from this instant on: for a "
        "wave open until the end of 10 January, enter 11 January 00:00."
    )
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="waves"
    )
    intro = models.TextField(blank=True)
    privacy_text = models.TextField(blank=True)
    is_published = models.BooleanField(default=False)
    retention_until = models.DateField(
        help_text="After this date contact details and unfinished drafts are deleted."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WaveQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="survey_wave_closes_after_opening",
            )
        ]
        ordering = ["-opens_at"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("survey:wave_start", kwargs={"wave_slug": self.slug})

    def clean(self):
        """Refuse slugs that would hide one of the survey's own paths."""
        if self.slug in RESERVED_WAVE_SLUGS:
            raise ValidationError(
                {"slug": f"{self.slug!r} is used by the survey; choose another"}
            )

    def status(self, now: datetime | None = None) -> str:
        """Where ``now`` falls: before opening, while open, or after closing."""
        now = now or timezone.now()
        if now < self.opens_at:
            return self.Status.NOT_OPEN_YET
        if now >= self.closes_at:
            return self.Status.CLOSED
        return self.Status.OPEN

    def is_open(self, now: datetime | None = None) -> bool:
        """True while the wave accepts answers."""
        return self.status(now) == self.Status.OPEN

    @property
    def last_moment(self) -> datetime:
        """The last instant answers are accepted, for saying 'closes at the end of'."""
        return self.closes_at - timezone.timedelta(microseconds=1)


class Section(models.Model):
    """A page of the questionnaire in one wave."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="sections")
    code = models.SlugField(max_length=40)
    title = models.CharField(max_length=200)
    intro = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "code"], name="survey_section_code_unique_per_wave"
            )
        ]
        ordering = ["wave", "order", "id"]

    def __str__(self):
        return self.title


class Question(models.Model):
    """One question; its code means the same question in every wave."""

    class Type(models.TextChoices):
        CONSENT = "consent", "Consent"
        SINGLE = "single", "Single choice"
        MULTIPLE = "multiple", "Multiple choice"
        AGREEMENT = "agreement", "Agreement scale"
        YES_NO = "yes_no", "Yes or no"
        SHORT_TEXT = "short_text", "Short text"
        LONG_TEXT = "long_text", "Long text"
        BOROUGH = "borough", "London borough"
        NUMBER = "number", "Number"

    # The wave is repeated from the section so the database can hold codes
    # unique per wave.
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="questions"
    )
    code = models.SlugField(
        max_length=40, help_text="Stable: the same code means the same question."
    )
    type = models.CharField(max_length=20, choices=Type.choices)
    text = models.TextField()
    why = models.TextField(help_text="Why this question is asked.")
    hint = models.TextField(blank=True)
    required = models.BooleanField(default=False)
    options = models.JSONField(
        default=list,
        blank=True,
        help_text='A list of {"code": ..., "label": ...} for choice questions.',
    )
    prefer_not_to_say = models.BooleanField(default=False)
    other_text = models.BooleanField(
        default=False, help_text='Adds an "Other" option with a text box.'
    )
    max_length = models.PositiveIntegerField(null=True, blank=True)
    multiple = models.BooleanField(
        default=False, help_text="Borough questions: allow several answers."
    )
    show_if = models.JSONField(
        default=dict,
        blank=True,
        help_text='Routing, e.g. {"question": "sector", "in": ["nhs"]}.',
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "code"], name="survey_question_code_unique_per_wave"
            )
        ]
        ordering = ["section__order", "order", "id"]

    def __str__(self):
        return f"{self.code}: {self.text[:60]}"

    def options_with_labels(self) -> list[dict[str, str]]:
        """Every answer code this question accepts, with its label, in order."""
        if self.type == self.Type.CONSENT:
            options = list(CONSENT_OPTIONS)
        elif self.type == self.Type.AGREEMENT:
            # The scale is fixed; a file may add only "Not applicable".
            extra = [o for o in self.options or [] if o.get("code") == NOT_APPLICABLE]
            options = [*AGREEMENT_OPTIONS, *extra[:1]]
        elif self.type == self.Type.YES_NO:
            options = list(YES_NO_OPTIONS)
        elif self.type == self.Type.BOROUGH:
            options = [{"code": c, "label": str(lb)} for c, lb in Borough.choices]
        elif self.type in (self.Type.SINGLE, self.Type.MULTIPLE):
            options = [
                {"code": str(o["code"]), "label": str(o["label"])}
                for o in self.options or []
            ]
            if self.other_text:
                options.append({"code": OTHER, "label": "Other"})
        else:
            return []
        if self.prefer_not_to_say:
            options.append({"code": PREFER_NOT_TO_SAY, "label": "Prefer not to say"})
        return options

    def label_for(self, code: str) -> str:
        """The label of one answer code (the code itself if unknown)."""
        for option in self.options_with_labels():
            if option["code"] == code:
                return option["label"]
        return code

    @property
    def other_key(self) -> str:
        """Where the free text of an "Other" answer is stored."""
        return f"{self.code}_{OTHER}"

    @property
    def is_multi_valued(self) -> bool:
        """True when the answer is a list of codes."""
        return self.type == self.Type.MULTIPLE or (
            self.type == self.Type.BOROUGH and self.multiple
        )


class ResponseQuerySet(models.QuerySet):
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
        return self.filter(resume_token_hash=Response.hash_token(token))


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
            models.Index(fields=["wave", "status"], name="survey_resp_wave_status"),
            models.Index(fields=["sector"], name="survey_resp_sector"),
            # The admin list: submitted responses, newest submission first.
            models.Index(
                fields=["status", "-submitted_at", "-id"],
                name="survey_resp_status_submitted",
            ),
            # The admin's search: words are found through this index, then
            # matched as substrings (survey/admin/responses.py). A trigram
            # index on UPPER(search_text) is also made by migration 0003 where
            # PostgreSQL has pg_trgm: see docs/admin.md.
            GinIndex(fields=["search_vector"], name="survey_resp_search_vector"),
        ]
        ordering = ["-started_at"]

    def __str__(self):
        return self.reference or f"Draft {self.pk}"

    @staticmethod
    def hash_token(token: str) -> str:
        """The SHA-256 of a resume token, as stored."""
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def new_token() -> str:
        """A fresh unguessable resume token (256 bits)."""
        return secrets.token_urlsafe(32)

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
        self.answers = answers
        sector = answers.get("sector", "")
        self.sector = sector if isinstance(sector, str) else ""
        boroughs = answers.get("boroughs", [])
        if isinstance(boroughs, str):
            boroughs = [boroughs]
        self.boroughs = [b for b in boroughs if b in Borough.values]
        organisation = answers.get("organisation_name", "")
        self.organisation = organisation[:200] if isinstance(organisation, str) else ""
        self.refresh_search_text(text_keys)

    def refresh_search_text(self, text_keys: set[str] | None = None) -> None:
        """Rebuild ``search_text`` from the answers (see ``search_text_for``)."""
        if text_keys is None:
            text_keys = free_text_keys(self.wave_id)
        self.search_text = search_text_for(
            self.answers or {}, text_keys, self.organisation
        )


def free_text_keys_of(questions) -> set[str]:
    """The free-text answer keys among ``questions``: text answers, "Other" boxes."""
    keys: set[str] = set()
    for question in questions:
        if question.type in (Question.Type.SHORT_TEXT, Question.Type.LONG_TEXT):
            keys.add(question.code)
        if question.other_text:
            keys.add(question.other_key)
    return keys


def free_text_keys(wave_id: int | None) -> set[str]:
    """The free-text answer keys of one wave's questions."""
    if wave_id is None:
        return set()
    return free_text_keys_of(
        Question.objects.filter(wave_id=wave_id).only("code", "type", "other_text")
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


class RateLimitBucket(models.Model):
    """A counter of events (drafts started, links emailed) per key per window.

    Keys are a session key or a keyed hash of an IP address, never the address.

    Kept in the database, not a per-process cache, so the limit holds across
    every web worker.
    """

    key = models.CharField(max_length=80)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["key", "window_start"], name="survey_ratelimit_key_window"
            )
        ]
        indexes = [
            models.Index(fields=["window_start"], name="survey_ratelimit_window")
        ]

    def __str__(self):
        return f"{self.key} @ {self.window_start:%Y-%m-%d %H:%M}: {self.count}"
