"""The publications the site cites: case studies, phases and milestones, resources."""

import calendar
import hashlib
import json

from django.contrib.postgres.fields import ArrayField
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

# A publication date as precise as the source gives it: "2014", "2025-12" or
# "2024-01-30". Many sources name only a year, so a DateField would invent a day.
PUBLISHED_REGEX = r"^([0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?)?$"
published_validator = RegexValidator(
    PUBLISHED_REGEX,
    "Enter a year, a year and month, or a full date, like 2014, 2025-12 or 2024-01-30",
)


def content_hash(content) -> str:
    """A stable digest of loaded content (any JSON-serialisable value)."""
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class SourceKind(models.TextChoices):
    """What kind of publication a source is."""

    GOVERNMENT_GUIDANCE = "government_guidance", "Government guidance"
    # Published by government but, in its own words, not formal guidance.
    RESEARCH_ANALYSIS = "research_analysis", "Research and analysis"
    EVALUATION = "evaluation", "Evaluation"
    EVIDENCE_REVIEW = "evidence_review", "Evidence review"
    BRIEFING = "briefing", "Briefing"
    BLOG = "blog", "Blog post"
    PROJECT_PAGE = "project_page", "Project page"
    TOOLKIT = "toolkit", "Toolkit or framework"
    MEASURE = "measure", "Measurement tool"


class ResourceUse(models.TextChoices):
    """What a resource is good for, to tag the resources page."""

    DEFINITIONS = "definitions", "Definitions and shared language"
    EVIDENCE = "evidence", "Evidence"
    TRAINING = "training", "Training the workforce"
    ORGANISATIONAL_CHANGE = "organisational_change", "Changing an organisation"
    MEASUREMENT = "measurement", "Measuring change"


class SourceQuerySet(models.QuerySet):
    """Queries over many sources."""

    def resources(self):
        """Sources shown on the resources page, in their curated order."""
        return self.filter(is_resource=True).order_by("resource_order", "title")


class Source(models.Model):
    """One publication, cited wherever the site states one of its facts."""

    code = models.SlugField(
        max_length=80,
        unique=True,
        help_text="A short, stable name used in content files and imports, like "
        "home-office-learning-from-experience. Never change it once used.",
    )
    title = models.CharField(
        max_length=300,
        help_text="The title as published. Where none is known, describe it.",
    )
    author = models.CharField(
        "publisher or author",
        max_length=200,
        blank=True,
        help_text="Leave blank if the source does not say.",
    )
    published = models.CharField(
        "publication date",
        max_length=10,
        blank=True,
        validators=[published_validator],
        help_text="As precise as the source gives it: 2014, 2025-12 or 2024-01-30.",
    )
    kind = models.CharField(max_length=30, choices=SourceKind.choices)
    url = models.URLField(
        "web address",
        max_length=500,
        blank=True,
        help_text="Leave blank when the source has no known public address.",
    )
    description = models.CharField(
        max_length=500,
        blank=True,
        help_text="Anything else a reader needs to find or judge it.",
    )
    is_resource = models.BooleanField("list on the resources page", default=False)
    good_for = models.TextField(
        "what it is good for",
        blank=True,
        help_text="For the resources page: one or two sentences.",
    )
    uses = ArrayField(
        models.CharField(max_length=30, choices=ResourceUse.choices),
        default=list,
        blank=True,
        help_text="For the resources page.",
    )
    resource_order = models.PositiveSmallIntegerField(default=0)
    # The digest of the content as last loaded from sources/seed/sources.yaml:
    # the loader's --update rewrites a row only while it still matches.
    loaded_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(published__regex=PUBLISHED_REGEX),
                name="source_published_format",
                violation_error_message="Enter dates like 2014, 2025-12 or 2024-01-30",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="source_has_title"),
            models.CheckConstraint(
                condition=Q(is_resource=False) | ~Q(good_for=""),
                name="source_resource_says_what_for",
                violation_error_message="Say what the resource is good for",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def year(self) -> str:
        """The year of publication, or ""."""
        return self.published[:4]

    def published_display(self) -> str:
        """ "30 January 2024", "December 2025", "2014" or ""."""
        parts = self.published.split("-") if self.published else []
        if len(parts) == 3:
            return f"{int(parts[2])} {calendar.month_name[int(parts[1])]} {parts[0]}"
        if len(parts) == 2:
            return f"{calendar.month_name[int(parts[1])]} {parts[0]}"
        return self.published

    def use_labels(self) -> list[str]:
        """What the resource is good for, in words."""
        labels = dict(ResourceUse.choices)
        return [labels.get(code, code) for code in self.uses]

    def content(self) -> dict:
        """The fields the loader writes, for its per-row hash."""
        return {field: getattr(self, field) for field in LOADED_FIELDS}


LOADED_FIELDS = (
    "title",
    "author",
    "published",
    "kind",
    "url",
    "description",
    "is_resource",
    "good_for",
    "uses",
    "resource_order",
)


class Citations:
    """Numbers sources in the order a page first cites them.

    Built from one query; a template cites with ``{% cite citations "code" %}``
    as it renders top to bottom, then lists ``citations.listed`` at the end.
    """

    def __init__(self, sources):
        self.by_code = {source.code: source for source in sources}
        self.numbers: dict[str, int] = {}

    @classmethod
    def for_codes(cls, codes) -> "Citations":
        """Citations over the named sources, in one query."""
        return cls(Source.objects.filter(code__in=list(codes)))

    def cite(self, code: str) -> int | None:
        """The number of the source, giving it the next one on first use."""
        if code not in self.by_code:
            return None
        return self.numbers.setdefault(code, len(self.numbers) + 1)

    def listed(self) -> list[tuple[int, Source]]:
        """The cited sources, numbered in order of first citation."""
        return [(number, self.by_code[code]) for code, number in self.numbers.items()]
