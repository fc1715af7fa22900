"""The counts a release is built from: one pass over a wave's submitted responses.

``tally_for_wave`` asks PostgreSQL (grouped JSONB queries: a fixed number of
queries and rows whatever the number of responses). ``tally_in_python`` counts
the same from answer documents in Python; it is the benchmark's baseline and
lets the property tests build releases without a database.
"""

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db import connections, router

from findings.areas import AREA_BOROUGHS, PLACES, area_of
from survey.models import Response
from vocabulary.choices import Borough

NO_SECTOR = ""
# Question codes become column names in SQL: slugs only.
SAFE_CODE = re.compile(r"^[a-z0-9_-]{1,40}$")


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


def _places(boroughs: Iterable[str]) -> tuple[set[str], set[str]]:
    boroughs = set(boroughs)
    areas = {area_of(b) for b in boroughs}
    return boroughs, areas


def tally_in_python(
    rows: Iterable[tuple[str, list[str], dict]], options: Mapping[str, Iterable[str]]
) -> Tally:
    """Count (sector, boroughs, answers) rows in Python, one row at a time.

    Only the listed options of each question are counted, each once per
    response however often a list repeats it, as in PostgreSQL.
    """
    wanted = {code: set(values) for code, values in options.items()}
    tally = Tally()
    for sector, boroughs, answers in rows:
        tally.respondents += 1
        tally.by_sector[sector] += 1
        named, areas = _places(boroughs)
        tally.by_borough.update(named)
        tally.by_area.update(areas)
        for code in wanted.keys() & answers.keys():
            value = answers[code]
            values = value if isinstance(value, list) else [value]
            for item in wanted[code].intersection(
                v for v in values if isinstance(v, str)
            ):
                tally.answers[(sector, code, item)] += 1
    return tally


def _rows(sql: str, params: list) -> list[tuple]:
    # Raw SQL, so the router is asked here: the replica in a findings build.
    with connections[router.db_for_read(Response)].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


RESPONSES = Response._meta.db_table
SUBMITTED = Response.Status.SUBMITTED


def tally_for_wave(wave_id: int | None, options: Mapping[str, Iterable[str]]) -> Tally:
    """Count one wave's submitted responses in PostgreSQL: one pass, one query.

    With ``wave_id`` None, every wave's (the analysts' dashboard over all waves).

    Each answer document is parsed once (``jsonb_to_record`` with a column per
    question), then every count is a ``FILTER`` aggregate grouped by sector:
    ``?`` is true when a string answer equals the option or a list holds it,
    so an option repeated in a list still counts once.
    """
    codes = sorted(code for code in options if SAFE_CODE.match(code))
    aggregates: list[str] = []
    params: list = []
    keys: list[tuple[str, str, str]] = []
    for code in codes:
        for option in options[code]:
            aggregates.append(f'count(*) FILTER (WHERE a."{code}" ? %s)')
            params.append(option)
            keys.append(("answer", code, option))
    for area, boroughs in [*AREA_BOROUGHS.items(), *((p, [p]) for p in PLACES)]:
        aggregates.append("count(*) FILTER (WHERE r.boroughs && %s::varchar[])")
        params.append([str(b) for b in boroughs])
        keys.append(("area", str(area), ""))
    for borough in Borough.values:
        aggregates.append("count(*) FILTER (WHERE %s = ANY(r.boroughs))")
        params.append(borough)
        keys.append(("borough", borough, ""))
    lateral = ""
    if codes:
        columns = ", ".join(f'"{code}" jsonb' for code in codes)
        lateral = f" CROSS JOIN LATERAL jsonb_to_record(r.answers) AS a({columns})"
    # Names come from the model and from codes checked against SAFE_CODE;
    # every value is a parameter.
    sql = (
        f"SELECT r.sector, count(*), {', '.join(aggregates)}"  # noqa: S608
        f" FROM {RESPONSES} r{lateral}"
        f" WHERE {'' if wave_id is None else 'r.wave_id = %s AND '}r.status = %s"
        " GROUP BY r.sector"
    )
    where = [SUBMITTED] if wave_id is None else [wave_id, SUBMITTED]
    tally = Tally()
    for sector, total, *counts in _rows(sql, [*params, *where]):
        tally.respondents += total
        tally.by_sector[sector] = total
        for (kind, code, option), count in zip(keys, counts, strict=True):
            if not count:
                continue
            if kind == "answer":
                tally.answers[(sector, code, option)] = count
            elif kind == "area":
                tally.by_area[code] += count
            else:
                tally.by_borough[code] += count
    return tally
