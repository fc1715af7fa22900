"""The analysts' figures over responses, each one GROUP BY in PostgreSQL.

JSONB operators read the answers, so the dashboard runs the same handful of
queries however many responses there are. Mixed into ``ResponseQuerySet``;
each method counts the responses of one wave, or of all with ``wave`` None.
"""

from django.db import connections

SUBMITTED = "submitted"


def _rows(db: str, sql: str, params: list) -> list[tuple]:
    # Raw SQL on the queryset's database: the replica in replica_reads().
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _wave_clause(wave) -> tuple[str, list]:
    if wave is None:
        return "", []
    return " AND r.wave_id = %s", [wave.pk]


class ResponseFiguresMixin:
    """Counts for the dashboard, in raw SQL over the responses table."""

    def _table(self) -> str:
        return self.model._meta.db_table

    def started_and_submitted_per_day(self, wave=None) -> list[tuple[str, int, int]]:
        """Responses started and submitted on each London day."""
        clause, params = _wave_clause(wave)
        table = self._table()
        # The table name comes from the model; every value is a parameter.
        sql = (
            "SELECT d, sum(started)::int, sum(submitted)::int FROM ("  # noqa: S608
            f" SELECT (r.started_at AT TIME ZONE 'Europe/London')::date AS d,"
            f" 1 AS started, 0 AS submitted FROM {table} r WHERE true{clause}"
            " UNION ALL"
            " SELECT (r.submitted_at AT TIME ZONE 'Europe/London')::date, 0, 1"
            f" FROM {table} r WHERE r.status = %s{clause}"
            ") days GROUP BY d ORDER BY d"
        )
        rows = _rows(self.db, sql, [*params, SUBMITTED, *params])
        return [
            (day.isoformat(), started, submitted) for day, started, submitted in rows
        ]

    def submitted_count_by(self, column: str, wave=None, *, unnest=False) -> dict:
        """Submitted responses counted by ``sector``, or by each of ``boroughs``."""
        if column not in ("sector", "boroughs"):
            raise ValueError(f"Cannot count responses by {column!r}.")
        clause, params = _wave_clause(wave)
        value = f"unnest(r.{column})" if unnest else f"r.{column}"
        sql = (
            f"SELECT v, count(*) FROM (SELECT {value} AS v FROM {self._table()} r"  # noqa: S608 - names checked above
            f" WHERE r.status = %s{clause}) t GROUP BY v"
        )
        return dict(_rows(self.db, sql, [SUBMITTED, *params]))

    def answer_counts(self, codes: list[str], wave=None) -> dict[str, dict[str, int]]:
        """For each question code, how many submitted responses gave each answer.

        Lists (multiple choice) are unnested, so each chosen option counts once.
        """
        if not codes:
            return {}
        clause, params = _wave_clause(wave)
        # The table name comes from the model; every value is a parameter.
        sql = (
            "SELECT kv.key, coalesce(item.value, kv.value #>> '{}'), count(*)"  # noqa: S608
            f" FROM {self._table()} r"
            " CROSS JOIN LATERAL jsonb_each(r.answers) kv"
            " LEFT JOIN LATERAL jsonb_array_elements_text("
            "   CASE WHEN jsonb_typeof(kv.value) = 'array' THEN kv.value END"
            " ) item ON true"
            f" WHERE r.status = %s AND kv.key = ANY(%s){clause}"
            # An empty list (every box unticked) is no answer, not a value "[]".
            " AND kv.value <> '[]'::jsonb"
            " GROUP BY 1, 2"
        )
        counts: dict[str, dict[str, int]] = {code: {} for code in codes}
        for key, value, number in _rows(self.db, sql, [SUBMITTED, codes, *params]):
            if value is not None:
                counts[key][value] = number
        return counts

    def submitted_count_by_borough_and_sector(self, wave) -> dict[tuple[str, str], int]:
        """Submitted responses to ``wave`` for each (borough, sector) pair.

        A response naming several boroughs counts once in each of them.
        """
        # The table name comes from the model; every value is a parameter.
        sql = (
            "SELECT b, r.sector, count(*) FROM "  # noqa: S608
            f"{self._table()} r CROSS JOIN LATERAL unnest(r.boroughs) b"
            " WHERE r.status = %s AND r.wave_id = %s GROUP BY 1, 2"
        )
        return {
            (borough, sector): n
            for borough, sector, n in _rows(self.db, sql, [SUBMITTED, wave.pk])
        }

    def started_and_submitted_by_collector(self, wave) -> dict:
        """For each collector of ``wave`` (None: direct), responses started
        (drafts and submitted) and submitted."""
        # The table name comes from the model; every value is a parameter.
        sql = (
            "SELECT r.collector_id, count(*),"  # noqa: S608
            " count(*) FILTER (WHERE r.status = %s)"
            f" FROM {self._table()} r WHERE r.wave_id = %s GROUP BY 1"
        )
        return {
            collector: (started, submitted)
            for collector, started, submitted in _rows(
                self.db, sql, [SUBMITTED, wave.pk]
            )
        }
