"""The counts a release is built from: one pass over a wave's submitted responses.

``tally_for_wave`` asks PostgreSQL (grouped JSONB queries: a fixed number of
queries and rows whatever the number of responses). ``tally_in_python`` counts
the same from answer documents in Python; it is the benchmark's baseline and
lets the property tests build releases without a database.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection

from findings.areas import area_of
from survey.models import Response

NO_SECTOR = ""


@dataclass
class Tally:
    """Respondents, where they work, and answers counted per sector."""

    respondents: int = 0
    by_sector: Counter = field(default_factory=Counter)
    # Respondents who named at least one borough of an ICB area, or the place.
    by_area: Counter = field(default_factory=Counter)
    by_borough: Counter = field(default_factory=Counter)
    # (sector, question code, answer code) -> respondents giving that answer.
    answers: Counter = field(default_factory=Counter)

    def answer_count(self, code: str, value: str, sector: str | None = None) -> int:
        """Respondents (of one sector, or all) who gave ``value`` to ``code``."""
        if sector is not None:
            return self.answers[(sector, code, value)]
        return sum(
            n for (_, c, v), n in self.answers.items() if (c, v) == (code, value)
        )


def _places(boroughs: Iterable[str]) -> tuple[set[str], set[str]]:
    boroughs = set(boroughs)
    areas = {area_of(b) for b in boroughs}
    return boroughs, areas


def tally_in_python(
    rows: Iterable[tuple[str, list[str], dict]], codes: Iterable[str]
) -> Tally:
    """Count (sector, boroughs, answers) rows in Python, one row at a time."""
    codes = set(codes)
    tally = Tally()
    for sector, boroughs, answers in rows:
        tally.respondents += 1
        tally.by_sector[sector] += 1
        named, areas = _places(boroughs)
        tally.by_borough.update(named)
        tally.by_area.update(areas)
        for code in codes & answers.keys():
            value = answers[code]
            values = value if isinstance(value, list) else [value]
            for item in {v for v in values if isinstance(v, str)}:
                tally.answers[(sector, code, item)] += 1
    return tally


def _rows(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


RESPONSES = Response._meta.db_table
SUBMITTED = Response.Status.SUBMITTED


def tally_for_wave(wave_id: int, codes: Iterable[str]) -> Tally:
    """Count one wave's submitted responses in PostgreSQL: three grouped queries."""
    from findings.areas import BOROUGH_AREAS

    codes = sorted(set(codes))
    tally = Tally()
    # Table names come from the model; every value is a parameter.
    for sector, n in _rows(
        f"SELECT r.sector, count(*) FROM {RESPONSES} r"  # noqa: S608
        " WHERE r.wave_id = %s AND r.status = %s GROUP BY 1",
        [wave_id, SUBMITTED],
    ):
        tally.by_sector[sector] = n
        tally.respondents += n
    places = list(BOROUGH_AREAS.items())
    for kind, place, n in _rows(
        "SELECT kind, place, count(DISTINCT id) FROM ("  # noqa: S608
        " SELECT 'b' AS kind, b AS place, r.id FROM "
        f" {RESPONSES} r CROSS JOIN LATERAL unnest(r.boroughs) b"
        "  WHERE r.wave_id = %s AND r.status = %s"
        " UNION ALL"
        " SELECT 'a', coalesce(m.area, b), r.id FROM "
        f" {RESPONSES} r CROSS JOIN LATERAL unnest(r.boroughs) b"
        "  LEFT JOIN unnest(%s::text[], %s::text[]) m(borough, area)"
        "  ON m.borough = b"
        "  WHERE r.wave_id = %s AND r.status = %s"
        ") t GROUP BY 1, 2",
        [
            wave_id,
            SUBMITTED,
            [b for b, _ in places],
            [a for _, a in places],
            wave_id,
            SUBMITTED,
        ],
    ):
        (tally.by_borough if kind == "b" else tally.by_area)[place] = n
    if codes:
        # One row per (sector, question, answer); lists are unnested and each
        # option counted once per response.
        for sector, code, value, n in _rows(
            "SELECT r.sector, kv.key,"  # noqa: S608
            # An empty list gives no item, so it counts as no answer.
            " CASE WHEN jsonb_typeof(kv.value) = 'array' THEN item.value"
            "  ELSE kv.value #>> '{}' END AS v, count(DISTINCT r.id)"
            f" FROM {RESPONSES} r"
            " CROSS JOIN LATERAL jsonb_each(r.answers) kv"
            " LEFT JOIN LATERAL jsonb_array_elements_text("
            "   CASE WHEN jsonb_typeof(kv.value) = 'array' THEN kv.value END"
            " ) item ON true"
            " WHERE r.wave_id = %s AND r.status = %s AND kv.key = ANY(%s)"
            " AND jsonb_typeof(kv.value) IN ('string', 'array')"
            " GROUP BY 1, 2, 3",
            [wave_id, SUBMITTED, codes],
        ):
            if value is not None:
                tally.answers[(sector, code, value)] = n
    return tally
