"""Queries over many case studies: publication, search, facets, tags, evidence."""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections, models
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone

from casestudies.search import has_operators, search_words, websearch_accepted
from casestudies.sourcing import CaseStudySource, Figure
from vocabulary.choices import (
    EVIDENCE_STRENGTH,
    Borough,
    Component,
    Domain,
    Evidence,
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


class CaseStudyQuerySet(models.QuerySet):
    """Queries over many case studies: publication, search, facets, tags."""

    def published(self):
        """Case studies the public may see."""
        return self.filter(status=self.model.Status.PUBLISHED)

    def evidence_first(self):
        """Strongest evidence first, illustrative examples last; newest first within."""
        rank = Case(
            *(
                When(evidence=code, then=Value(position))
                for position, code in enumerate(EVIDENCE_STRENGTH)
            ),
            default=Value(len(EVIDENCE_STRENGTH)),
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
        """Full-text search in English, web-search syntax, best match first.

        The words are normalised first (casestudies/search.py); if PostgreSQL
        would still refuse them as a web search, they are searched as plain words.
        """
        words = search_words(query)
        if not words:
            return self
        search_type = "websearch"
        if has_operators(words) and not websearch_accepted(words):
            search_type = "plain"
        search_query = SearchQuery(words, search_type=search_type, config="english")
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
        return self.exclude(status=self.model.Status.PUBLISHED).update(
            status=self.model.Status.PUBLISHED, updated_at=now
        )

    def unpublish(self) -> int:
        """Return published case studies to draft."""
        return self.filter(status=self.model.Status.PUBLISHED).update(
            status=self.model.Status.DRAFT, updated_at=timezone.now()
        )
