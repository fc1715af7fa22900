"""The analysts' figures over responses, each one aggregate query in PostgreSQL.

Mixed into ``ResponseQuerySet``, so every figure counts the rows of the
queryset it is called on: ``Response.objects.for_wave(wave).answer_counts(...)``
counts that wave, and any other filter narrows the figures the same way. Built
with the ORM (``Count`` with ``filter``, ``TruncDate``, ``unnest``, and the
``survey_response_answer`` view for answers), so the dashboard runs the same
handful of queries however many responses there are.
"""

from collections.abc import Iterable

from django.db import models
from django.db.models import Count, F, Func, Q, Value
from django.db.models.functions import TruncDate

from vocabulary.time import LONDON

SUBMITTED = "submitted"


class ResponseAnswer(models.Model):
    """One answer of a response, or one option of a list answer: a row of the
    view ``survey_response_answer`` (migration 0011), never written."""

    pk = models.CompositePrimaryKey("response", "code", "value")
    response = models.ForeignKey(
        "survey.Response", on_delete=models.DO_NOTHING, related_name="+"
    )
    code = models.TextField()
    value = models.TextField()

    class Meta:
        managed = False
        db_table = "survey_response_answer"

    def __str__(self):
        return f"{self.code}={self.value}"


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

    def submitted_count_by_sector(self) -> dict[str, int]:
        """Submitted responses counted by sector (``""``: not answered)."""
        return dict(self._submitted().values_list("sector").annotate(n=Count("pk")))

    def submitted_count_by_borough(self) -> dict[str, int]:
        """Submitted responses naming each borough (a response naming several
        counts once in each)."""
        return dict(
            self._submitted()
            .annotate(borough=Unnest(F("boroughs")))
            .values_list("borough")
            .annotate(n=Count("pk"))
        )

    def answer_counts(self, codes: Iterable[str]) -> dict[str, dict[str, int]]:
        """For each question code, how many submitted responses gave each answer.

        Lists (multiple choice) count each chosen option once.
        """
        codes = list(codes)
        counts: dict[str, dict[str, int]] = {code: {} for code in codes}
        if not codes:
            return counts
        rows = (
            ResponseAnswer.objects.filter(
                response__in=self._submitted().values("pk"), code__in=codes
            )
            .values_list("code", "value")
            .annotate(n=Count("*"))
            .order_by()
        )
        for code, value, number in rows:
            if value is not None:
                counts[code][value] = number
        return counts

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
