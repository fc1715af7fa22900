"""Findings releases: what one closed wave told us, frozen when published."""

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
