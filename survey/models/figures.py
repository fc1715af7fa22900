"""The analysts' figures over responses, each one aggregate query in PostgreSQL.

Mixed into ``ResponseQuerySet``, so every figure counts the rows of the
queryset it is called on: ``Response.objects.for_wave(wave)`` counts that wave,
and any other filter narrows the figures the same way. Built with the ORM
(``Count`` with ``filter``, ``TruncDate``, ``unnest``), so the dashboard runs
the same handful of queries however many responses there are. Answers are not
counted here: PostgreSQL keeps their counts (``survey.models.counts``).
"""

from django.db import models
from django.db.models import Count, F, Func, Q, Value
from django.db.models.functions import TruncDate

from vocabulary.time import LONDON

SUBMITTED = "submitted"


class Unnest(Func):
    """One row per element of an array column (PostgreSQL's ``unnest``)."""

    function = "unnest"
    output_field = models.CharField()


class ResponseFiguresMixin:
    """Counts for the dashboard over the responses of this queryset."""

    def _submitted(self):
        # Unordered: a model's default ordering has no place in GROUP BY.
        return self.filter(status=SUBMITTED).order_by()

    def started_and_submitted_per_day(self) -> list[tuple[str, int, int]]:
        """Responses started and submitted on each London day."""
        started = (
            self.order_by()
            .annotate(day=TruncDate("started_at", tzinfo=LONDON))
            .values_list("day")
            .annotate(started=Count("pk"), submitted=Value(0))
        )
        submitted = (
            self._submitted()
            .annotate(day=TruncDate("submitted_at", tzinfo=LONDON))
            .values_list("day")
            .annotate(started=Value(0), submitted=Count("pk"))
        )
        days: dict = {}
        for day, started_n, submitted_n in started.union(submitted, all=True):
            counts = days.setdefault(day, [0, 0])
            counts[0] += started_n
            counts[1] += submitted_n
        return [(day.isoformat(), s, t) for day, (s, t) in sorted(days.items())]

    def submitted_count_by_borough_and_sector(self) -> dict[tuple[str, str], int]:
        """Submitted responses for each (borough, sector) pair.

        A response naming several boroughs counts once in each of them.
        """
        rows = (
            self._submitted()
            .annotate(borough=Unnest(F("boroughs")))
            .values_list("borough", "sector")
            .annotate(n=Count("pk"))
        )
        return {(borough, sector): n for borough, sector, n in rows}

    def started_and_submitted_by_collector(self) -> dict:
        """For each collector (None: direct), responses started (drafts and
        submitted) and submitted."""
        rows = (
            self.order_by()
            .values_list("collector_id")
            .annotate(
                started=Count("pk"),
                submitted=Count("pk", filter=Q(status=SUBMITTED)),
            )
        )
        return {
            collector: (started, submitted) for collector, started, submitted in rows
        }
