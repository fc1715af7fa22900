"""Waves and the questionnaire versions they use, with the sections of each wave."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

# Paths under /survey/ that are not waves.
RESERVED_WAVE_SLUGS = {"resume", "withdrawn"}


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
    coverage_target = models.PositiveSmallIntegerField(
        default=10,
        help_text="Submitted responses wanted for each borough and sector; the "
        "dashboard's coverage counts against it. Set by analysts.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Counted up by PostgreSQL triggers whenever one of the wave's sections or
    # questions is added, changed or deleted, however it is written (migration
    # 0008); a stale save of the wave cannot lower it. It tells each process's
    # compiled copy of the pages (survey/views/flow.py) that it is out of date.
    structure_version = models.PositiveBigIntegerField(default=0, editable=False)

    objects = WaveQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="survey_wave_closes_after_opening",
            )
        ]
        ordering = ["-opens_at"]
        permissions = [
            ("set_coverage_target", "Can set a wave's coverage target"),
        ]

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
