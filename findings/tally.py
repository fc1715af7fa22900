"""The counts a release is built from: one pass over a wave's submitted responses.

``tally_for_wave`` asks PostgreSQL (the answer counts it keeps, and one
aggregate over the responses' places: a fixed number of queries and rows
whatever the number of responses). ``tally_in_python`` counts
the same from answer documents in Python; it is the benchmark's baseline and
lets the property tests build releases without a database.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db import connections, router

from findings.areas import AREA_BOROUGHS, PLACES, area_of
from survey.models import RESPONDENTS, AnswerCount, Response, Wave
from vocabulary.choices import Borough

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
    """Count one wave's submitted responses in PostgreSQL, in two queries.

    With ``wave_id`` None, every wave's (the analysts' dashboard over all waves).

    The answers and sectors come from the counts PostgreSQL keeps as responses
    are written (``survey.AnswerCount``), so no answer document is read. The
    places are counted from the responses' borough lists, read from the
    index that carries them: an ICB area counts a respondent once however
    many of its boroughs they named.
    """
    wave = None if wave_id is None else Wave(pk=wave_id)
    tally = Tally()
    wanted = {code: set(values) for code, values in options.items()}
    for (sector, code, answer), count in AnswerCount.objects.counts(wave).items():
        if code == RESPONDENTS:
            tally.respondents += count
            tally.by_sector[sector] += count
        elif answer in wanted.get(code, ()):
            tally.answers[(sector, code, answer)] = count
    aggregates: list[str] = []
    params: list = []
    keys: list[tuple[str, str]] = []
    for area, boroughs in [*AREA_BOROUGHS.items(), *((p, [p]) for p in PLACES)]:
        aggregates.append("count(*) FILTER (WHERE boroughs && %s::varchar[])")
        params.append([str(b) for b in boroughs])
        keys.append(("area", str(area)))
    for borough in Borough.values:
        aggregates.append("count(*) FILTER (WHERE %s = ANY(boroughs))")
        params.append(borough)
        keys.append(("borough", borough))
    # Names come from the model; every value is a parameter.
    sql = (
        f"SELECT {', '.join(aggregates)} FROM {RESPONSES}"  # noqa: S608
        f" WHERE {'' if wave_id is None else 'wave_id = %s AND '}status = %s"
    )
    where = [SUBMITTED] if wave_id is None else [wave_id, SUBMITTED]
    (counts,) = _rows(sql, [*params, *where])
    for (kind, place), count in zip(keys, counts, strict=True):
        if count:
            (tally.by_area if kind == "area" else tally.by_borough)[place] = count
    return tally
