"""Case studies of promising practice, tagged from the shared vocabulary."""

import calendar
import re

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchVector,
    SearchVectorField,
)
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from casestudies.querysets import (
    ARRAY_FACETS,
    FACET_LEGENDS,
    FACETS,
    TAG_FIELDS,
    CaseStudyQuerySet,
)
from casestudies.rendering import render_markdown

# The citation models live in casestudies.sourcing to keep this module short;
# they are part of this app's models and exported from here.
from casestudies.sourcing import (  # noqa: F401
    NUMBER,
    CaseStudySource,
    Figure,
)
from vocabulary.choices import (
    Borough,
    Component,
    Domain,
    Evidence,
    PracticeLevel,
    Principle,
    R,
    Sector,
)

# "2021", or "2021-09": the sources rarely give a day.
PERIOD_REGEX = r"^([0-9]{4}(-(0[1-9]|1[0-2]))?)?$"
period_validator = RegexValidator(
    PERIOD_REGEX, "Enter a year, or a year and month, like 2021 or 2021-09"
)


def format_period(value: str) -> str:
    """ "2021-09" as "September 2021"; a bare year as it is."""
    if len(value) == len("2021-09"):
        year, month = value.split("-")
        return f"{calendar.month_name[int(month)]} {year}"
    return value


def tag_field(choices, verbose_name, *, blank=False):
    """An array of codes from one vocabulary."""
    return ArrayField(
        models.CharField(max_length=40, choices=choices.choices),
        default=list,
        blank=blank,
        verbose_name=verbose_name,
    )


class CaseStudy(models.Model):
    """One piece of promising practice, in the project's own words."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.TextField(help_text="One paragraph, in plain text.")
    body = models.TextField(help_text="Markdown. Raw HTML is removed on display.")
    organisations = ArrayField(
        models.CharField(max_length=200),
        default=list,
        blank=True,
        help_text="One organisation a line.",
    )
    sectors = tag_field(Sector, "sectors")
    places = tag_field(Borough, "places")
    place_detail = models.CharField(
        max_length=200,
        blank=True,
        help_text="Where, in words. Required for places outside London.",
    )
    rs = tag_field(R, "4 Rs")
    principles = tag_field(Principle, "principles")
    domains = tag_field(Domain, "organisational domains", blank=True)
    components = tag_field(Component, "components", blank=True)
    practice_level = models.CharField(
        max_length=40, choices=PracticeLevel.choices, blank=True
    )
    evidence = models.CharField(max_length=40, choices=Evidence.choices)
    evidence_note = models.TextField(blank=True)
    outcomes = models.TextField(blank=True, help_text="Markdown.")
    started = models.CharField(
        max_length=7,
        blank=True,
        validators=[period_validator],
        help_text="Year, or year and month: 2021 or 2021-09.",
    )
    ended = models.CharField(
        max_length=7,
        blank=True,
        validators=[period_validator],
        help_text="Leave blank if it is still running or the end is not known.",
    )
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    image = models.FileField(
        upload_to="case-studies/",
        blank=True,
        validators=[FileExtensionValidator(["jpg", "jpeg", "png", "webp"])],
    )
    image_alt = models.CharField(
        "image alt text",
        max_length=300,
        blank=True,
        help_text="Describe the image for people who cannot see it.",
    )
    sources = models.ManyToManyField(
        "sources.Source",
        through="CaseStudySource",
        blank=True,
        related_name="case_studies",
    )
    # The digest of the content as last loaded from casestudies/seed/: the
    # loader's --update rewrites the case study only while it still matches.
    loaded_hash = models.CharField(max_length=64, blank=True, editable=False)
    is_illustrative = models.BooleanField(
        default=False, help_text="An invented example, not a documented one."
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Kept up to date by PostgreSQL itself, whatever writes the row (admin,
    # import, bulk_create, update()).
    search_vector = models.GeneratedField(
        expression=(
            SearchVector("title", weight="A", config="english")
            + SearchVector("summary", weight="B", config="english")
            + SearchVector(
                "body",
                "outcomes",
                "evidence_note",
                "place_detail",
                weight="C",
                config="english",
            )
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = CaseStudyQuerySet.as_manager()

    class Meta:
        verbose_name = "case study"
        verbose_name_plural = "case studies"
        ordering = ["-published_at", "title"]
        indexes = [
            GinIndex(fields=["search_vector"], name="casestudy_search_gin"),
            GinIndex(fields=["sectors"], name="casestudy_sectors_gin"),
            GinIndex(fields=["places"], name="casestudy_places_gin"),
            GinIndex(fields=["rs"], name="casestudy_rs_gin"),
            GinIndex(fields=["principles"], name="casestudy_principles_gin"),
            GinIndex(fields=["domains"], name="casestudy_domains_gin"),
            GinIndex(fields=["components"], name="casestudy_components_gin"),
            models.Index(
                fields=["status", "-published_at"], name="casestudy_status_pub"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""),
                name="casestudy_image_needs_alt",
                violation_error_message="Enter alt text for the image",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="casestudy_published_has_date",
                violation_error_message="A published case study needs a date",
            ),
            models.CheckConstraint(
                condition=Q(started__regex=PERIOD_REGEX) & Q(ended__regex=PERIOD_REGEX),
                name="casestudy_period_format",
                violation_error_message="Enter dates like 2021 or 2021-09",
            ),
            models.CheckConstraint(
                condition=~Q(places__contains=[Borough.OUTSIDE_LONDON])
                | ~Q(place_detail=""),
                name="casestudy_outside_london_named",
                violation_error_message="Name the place outside London",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published"]),
                name="casestudy_status_valid",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("casestudies:detail", kwargs={"slug": self.slug})

    def get_preview_url(self):
        """The staff-only address that shows this case study in any status."""
        return reverse("casestudies:preview", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        """Whether the public can see it."""
        return self.status == self.Status.PUBLISHED

    def body_html(self):
        """The body as sanitised HTML."""
        return render_markdown(self.body)

    def outcomes_html(self):
        """The outcomes as sanitised HTML."""
        return render_markdown(self.outcomes)

    def place_names(self) -> str:
        """Where, in words: borough names, with the named place outside London."""
        labels = dict(Borough.choices)
        names = [
            self.place_detail
            if code == Borough.OUTSIDE_LONDON and self.place_detail
            else labels.get(code, code)
            for code in self.places
        ]
        if self.place_detail and Borough.OUTSIDE_LONDON not in self.places:
            names.append(self.place_detail)
        return ", ".join(names)

    def period(self) -> str:
        """When it ran, in words: "September 2021 to 2025", "From 2020", or ""."""
        started, ended = format_period(self.started), format_period(self.ended)
        if started and ended:
            return f"{started} to {ended}"
        if started:
            return f"From {started}"
        if ended:
            return f"Until {ended}"
        return ""

    def tag_groups(self) -> list[dict]:
        """Its tags by facet with their labels, for links back to the list."""
        groups = []
        for name, vocabulary in FACETS.items():
            codes = getattr(self, name)
            codes = codes if name in ARRAY_FACETS else [codes]
            labels = dict(vocabulary.choices)
            tags = [(code, labels.get(code, code)) for code in codes if code]
            if tags:
                groups.append(
                    {"name": name, "legend": FACET_LEGENDS[name], "tags": tags}
                )
        return groups

    def tags(self) -> dict[str, list[str]]:
        """Its tags by field, for finding related case studies."""
        return {name: getattr(self, name) for name in TAG_FIELDS}

    def numbered_sources(self) -> list[tuple[int, object]]:
        """Its sources, numbered as the page lists them."""
        return [(n, c.source) for n, c in enumerate(self.citations.all(), start=1)]

    def numbered_figures(self) -> list[tuple[object, int | None]]:
        """Its figures, each with the number of its source in that list."""
        numbers = {source.pk: n for n, source in self.numbered_sources()}
        return [(f, numbers.get(f.source_id)) for f in self.figures.all()]

    def public_text(self) -> str:
        """Everything the public page says about it, for the figures check."""
        return "\n".join(
            [
                self.title,
                self.summary,
                self.body,
                self.outcomes,
                self.evidence_note,
                self.place_detail,
                self.period(),
                *self.organisations,
            ]
        )

    def untraced_numbers(self) -> set[str]:
        """Numbers its public text states that no figure of it lists."""
        if self.is_illustrative:
            return set()
        # "the 4 Rs" names the vocabulary, not a figure.
        text = re.sub(r"\b4 Rs\b", "", self.public_text())
        stated = set(NUMBER.findall(text))
        listed = set().union(*(figure.numbers() for figure in self.figures.all()))
        return stated - listed

    def related(self, limit: int = 3):
        """Other published case studies that share the most tags with this one."""
        return (
            CaseStudy.objects.published()
            .exclude(pk=self.pk)
            .tagged(**self.tags())
            .summaries()
        )[:limit]
