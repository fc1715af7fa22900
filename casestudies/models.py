"""Case studies of promising practice, tagged from the shared vocabulary."""

import calendar
import re

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import connections, models
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils import timezone

from casestudies.rendering import render_markdown
from casestudies.sourcing import NUMBER
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

# Facets shown on the public list, in order: URL parameter (the same as the
# keyword of CaseStudyQuerySet.filtered), then the vocabulary it draws from.
FACETS = {
    "sectors": Sector,
    "places": Borough,
    "rs": R,
    "principles": Principle,
    "domains": Domain,
    "evidence": Evidence,
    "components": Component,
}
FACET_LEGENDS = {
    "sectors": "Sector",
    "places": "Place",
    "rs": "The 4 Rs",
    "principles": "Principles",
    "domains": "Organisational domains",
    "evidence": "Evidence",
    "components": "Components of trauma-informed care",
}
# Facets stored as arrays; every other facet is a single value.
ARRAY_FACETS = ("sectors", "places", "rs", "principles", "domains", "components")
# Tags used to find related case studies and, for the roadmap, matching ones.
TAG_FIELDS = ("domains", "rs", "principles", "components", "sectors")

# Columns a list of case studies never shows; the search vector alone averages
# several kilobytes a row.
SUMMARY_DEFERRED = ("body", "outcomes", "evidence_note", "search_vector")

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


class CaseStudyQuerySet(models.QuerySet):
    """Queries over many case studies: publication, search, facets, tags."""

    def published(self):
        """Case studies the public may see."""
        return self.filter(status=CaseStudy.Status.PUBLISHED)

    def evidence_first(self):
        """Strongest evidence first, illustrative examples last; newest first within."""
        rank = Case(
            *(
                When(evidence=code, then=Value(position))
                for position, code in enumerate(Evidence.values)
            ),
            default=Value(len(Evidence.values)),
            output_field=IntegerField(),
        )
        return self.annotate(evidence_rank=rank).order_by(
            "evidence_rank", F("published_at").desc(nulls_last=True), "title"
        )

    def with_sources(self):
        """With its sources and figures, in two more queries."""
        return self.prefetch_related(
            models.Prefetch(
                "citations", queryset=CaseStudySource.objects.select_related("source")
            ),
            models.Prefetch(
                "figures", queryset=Figure.objects.select_related("source")
            ),
        )

    def summaries(self):
        """Without the long text (body, outcomes, search vector) lists never show."""
        return self.defer(*SUMMARY_DEFERRED)

    def search(self, query: str):
        """Full-text search in English, web-search syntax, best match first."""
        query = (query or "").strip()
        if not query:
            return self
        search_query = SearchQuery(query, search_type="websearch", config="english")
        return (
            self.filter(search_vector=search_query)
            .annotate(rank=SearchRank(F("search_vector"), search_query))
            .order_by("-rank", "-published_at", "title")
        )

    def filtered(self, **facets):
        """Values within one facet are OR-ed; facets are AND-ed together."""
        queryset = self
        for name, values in facets.items():
            if name not in FACETS:
                raise TypeError(f"Unknown facet: {name}")
            if not values:
                continue
            if name in ARRAY_FACETS:
                queryset = queryset.filter(**{f"{name}__overlap": list(values)})
            else:
                queryset = queryset.filter(**{f"{name}__in": list(values)})
        return queryset

    def facet_counts(self, selected: dict | None = None) -> dict[str, dict[str, int]]:
        """Count case studies for every facet value, in one query.

        Each facet is counted with every *other* facet's selection applied and
        not its own, so a count says how many results ticking that value would
        add to what is already shown (facets are AND-ed, values OR-ed).

        The rows of this queryset (a search, say) are read once: each facet's
        selection becomes a boolean column (``OFFSET 0`` stops PostgreSQL
        recomputing it for every unnested value), and a lateral ``UNION ALL``
        unnests every facet of a row for one ``GROUP BY``.
        """
        selected = {name: list(values) for name, values in (selected or {}).items()}
        unknown = set(selected) - set(FACETS)
        if unknown:
            raise TypeError(f"Unknown facet: {', '.join(sorted(unknown))}")
        selected = {name: values for name, values in selected.items() if values}
        matching_sql, matching_params = (
            self.order_by().values("pk", *FACETS).query.sql_with_params()
        )
        flags, params = [], []
        for name, values in selected.items():
            operator = "&&" if name in ARRAY_FACETS else "= ANY"
            flags.append(f", (t.{name} {operator} (%s::varchar[])) AS ticked_{name}")
            params.append(values)
        params.extend(matching_params)
        branches = []
        for name in FACETS:
            value = f"unnest(m.{name})" if name in ARRAY_FACETS else f"m.{name}"
            others = [f"m.ticked_{other}" for other in selected if other != name]
            where = f" WHERE {' AND '.join(others)}" if others else ""
            branches.append(f"SELECT '{name}' AS facet, {value} AS v{where}")
        sql = (
            "SELECT f.facet, f.v, count(*) FROM "  # noqa: S608 - names from FACETS
            f"(SELECT t.*{''.join(flags)} FROM ({matching_sql}) t OFFSET 0) m "
            f"CROSS JOIN LATERAL ({' UNION ALL '.join(branches)}) f "
            "GROUP BY f.facet, f.v"
        )
        counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, params)
            for facet, value, number in cursor.fetchall():
                counts[facet][value] = number
        return counts

    def tagged(self, **tags):
        """Case studies sharing any of the given tags, most shared tags first."""
        overlap = Q()
        score = []
        for name, values in tags.items():
            if name not in TAG_FIELDS:
                raise TypeError(f"Unknown tag field: {name}")
            values = list(dict.fromkeys(values or []))
            if not values:
                continue
            overlap |= Q(**{f"{name}__overlap": values})
            score.extend(
                Case(
                    When(**{f"{name}__contains": [value]}, then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
                for value in values
            )
        if not score:
            return self.none()
        return (
            self.filter(overlap)
            .annotate(shared_tags=sum(score[1:], start=score[0]))
            .order_by("-shared_tags", "-published_at", "title")
        )

    def publish(self) -> int:
        """Publish drafts, keeping the first publication date of any republished."""
        now = timezone.now()
        self.filter(published_at__isnull=True).update(published_at=now)
        return self.exclude(status=CaseStudy.Status.PUBLISHED).update(
            status=CaseStudy.Status.PUBLISHED, updated_at=now
        )

    def unpublish(self) -> int:
        """Return published case studies to draft."""
        return self.filter(status=CaseStudy.Status.PUBLISHED).update(
            status=CaseStudy.Status.DRAFT, updated_at=timezone.now()
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
    # Set when an analyst turns a strong survey example into a draft.
    source_response = models.ForeignKey(
        "survey.Response",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_studies",
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


# Defined in their own module to keep this one short; imported here so the
# app registry and this module's queries see them.
from casestudies.sourcing import CaseStudySource, Figure  # noqa: E402
