"""Findings releases: what one closed wave told us, frozen when published."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from survey.models import Wave

DEFAULT_WHO_WAS_ASKED = (
    "The survey was sent to heads of community safety and to directors of "
    "children's services, adult social care, public health and housing in "
    "London's local authorities, and to the safeguarding children partnership, "
    "to complete or to pass on to their teams. People in the Metropolitan "
    "Police Service, the NHS, the voluntary and community sector and education "
    "could also take part."
)


class FindingsReleaseQuerySet(models.QuerySet):
    """Queries over releases."""

    def published(self):
        """Releases the public can see, newest wave first."""
        return self.filter(status=FindingsRelease.Status.PUBLISHED).order_by(
            "-wave__opens_at"
        )


class FindingsRelease(models.Model):
    """The published findings of one wave: a draft until an analyst publishes it.

    Publishing stores the suppressed figures in ``snapshot``; the public pages
    read only that, so a later withdrawal or edit never changes them silently.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    wave = models.OneToOneField(
        Wave, on_delete=models.PROTECT, related_name="findings_release"
    )
    title = models.CharField(max_length=200)
    summary = models.TextField(
        blank=True, help_text="A short introduction, written by the analyst."
    )
    who_was_asked = models.TextField(
        default=DEFAULT_WHO_WAS_ASKED,
        help_text="For the methods note: who the survey was sent to.",
    )
    is_demo = models.BooleanField(
        default=False,
        help_text="Demo data, labelled on every page; compared only with demo "
        "releases.",
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    snapshot = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="The published, already suppressed figures.",
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.CharField(max_length=150, blank=True, editable=False)
    # The A4 report, built once from the snapshot on its first request and
    # kept with the publishing time it was built for (findings/report.py).
    report_pdf = models.BinaryField(blank=True, editable=False, default=bytes)
    report_for = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FindingsReleaseQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft", published_at__isnull=True)
                | (Q(status="published", published_at__isnull=False) & ~Q(snapshot={})),
                name="findings_release_published_has_snapshot",
            )
        ]
        ordering = ["-wave__opens_at"]
        permissions = [
            ("publish_findingsrelease", "Can publish or unpublish a findings release")
        ]
        verbose_name = "findings release"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("findings:detail", kwargs={"wave_slug": self.wave.slug})

    @property
    def is_published(self) -> bool:
        """True while the public can see the release."""
        return self.status == self.Status.PUBLISHED


class FindingsTheme(models.Model):
    """A theme from the free-text answers, in the analyst's words only."""

    release = models.ForeignKey(
        FindingsRelease, on_delete=models.CASCADE, related_name="themes"
    )
    heading = models.CharField(max_length=200)
    text = models.TextField(
        help_text="Summarise in your own words. Never quote a respondent."
    )
    order = models.PositiveSmallIntegerField(default=0)
    # Optional: the release then shows how many respondents' answers carry
    # the code, and by sector, under the same disclosure control.
    code = models.ForeignKey(
        "coding.Code",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="findings_themes",
        help_text="A code from this wave's codebook: the release then shows "
        "how many respondents' answers carry it, by sector.",
    )

    class Meta:
        ordering = ["release", "order", "id"]

    def __str__(self):
        return self.heading


class FindingsMainPoint(models.Model):
    """One of up to six main points, written by the analyst.

    A point's figure is never typed: the analyst picks a published figure and
    writes ``{figure}`` where it goes; publishing puts in the snapshot's value.
    """

    MAX_PER_RELEASE = 6
    PLACEHOLDER = "{figure}"

    release = models.ForeignKey(
        FindingsRelease, on_delete=models.CASCADE, related_name="main_points"
    )
    text = models.CharField(
        max_length=300,
        help_text="One short sentence. Write {figure} where the chosen figure goes; "
        "type no figures yourself.",
    )
    figure = models.CharField(
        max_length=200,
        blank=True,
        help_text="A published figure from this release, put in where the text "
        "says {figure}.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["release", "order", "id"]
        verbose_name = "main point"

    def __str__(self):
        return self.text

    def clean(self):
        """The placeholder and the figure come together; no typed figures."""
        errors = check_point_text(self.text, self.figure)
        if errors:
            raise ValidationError(errors)


# A typed percentage or a number of two or more digits: figures come only from
# the snapshot, so the published value is always the suppressed one.
TYPED_FIGURE = re.compile(r"\d\s*%|\d\s*per\s*cent|\b\d{2,}\b|\d[\d,.]*\d")


def check_point_text(text: str, figure: str) -> dict[str, ValidationError]:
    """Why a main point's wording is refused, by field (empty when it is fine)."""
    errors = {}
    placeholders = text.count(FindingsMainPoint.PLACEHOLDER)
    if figure and placeholders != 1:
        errors["text"] = ValidationError(
            "Write {figure} once where the chosen figure goes", code="placeholder"
        )
    elif not figure and placeholders:
        errors["figure"] = ValidationError(
            "Choose the figure that {figure} stands for", code="no_figure"
        )
    elif TYPED_FIGURE.search(text.replace(FindingsMainPoint.PLACEHOLDER, "")):
        errors["text"] = ValidationError(
            "Do not type figures: choose one under Figure and write {figure} "
            "where it goes",
            code="typed_figure",
        )
    return errors
