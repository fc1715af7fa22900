"""What a release publishes, built from a tally: pure functions, no database.

``build`` turns a ``Tally`` and the wave's questions into figures, the
relations between them (every published margin) and the tables that show
them. ``resolve`` applies the suppression and returns the snapshot that is
stored and shown: it holds only published counts, never a hidden one.
"""

import hashlib
import json
from dataclasses import dataclass, field

from findings.areas import AREA_BOROUGHS, AREA_LABELS, PLACES
from findings.disclosure import THRESHOLD, Relation, is_small, percent, suppress
from findings.tally import NO_SECTOR, Tally
from survey.questionnaire import FOUR_R_CODES, PRINCIPLE_CODES
from vocabulary.choices import Sector

DISTRIBUTION_TYPES = {"single", "yes_no", "agreement"}
SELECTED_TYPES = {"multiple"}
NOT_ANSWERED = "not_answered"
OTHER_SECTOR = "other"
# The sectors the survey asks about, then "other" and "not answered".
SECTORS = [s.value for s in Sector if s != Sector.POLICING]
SECTOR_LABELS = {s.value: s.label for s in Sector} | {
    OTHER_SECTOR: "Other sector",
    NOT_ANSWERED: "Sector not given",
}

# What a release covers, section by section (question codes, in order). A
# code the wave's questionnaire lacks is left out and listed as missing.
SECTIONS: list[tuple[str, str, list[str]]] = [
    ("four_rs", "The 4 Rs", list(FOUR_R_CODES)),
    ("principles", "The six principles", list(PRINCIPLE_CODES)),
    (
        "components",
        "What is in place",
        ["components_in_place", "components_lived_experience"],
    ),
    ("barriers", "What gets in the way", ["barriers"]),
    (
        "training",
        "Training and support for staff",
        [
            "training_types",
            "training_total_length",
            "training_follow_up",
            "training_confidence",
            "reflective_practice",
            "supervision",
            "vicarious_trauma_support",
            "ti_champions",
        ],
    ),
    (
        "journey",
        "Where organisations think they are",
        ["meaning_familiarity", "journey_stage"],
    ),
]
OTHER_STATEMENTS = ("other_statements", "Other statements")


@dataclass(frozen=True)
class QuestionSpec:
    """What a release needs to know of one question."""

    code: str
    type: str
    text: str
    options: tuple[tuple[str, str], ...]

    @property
    def definition_hash(self) -> str:
        """SHA-256 of type, wording and options: equal means comparable."""
        payload = json.dumps(
            {"type": self.type, "text": self.text, "options": self.options},
            sort_keys=True,
        )
        return hashlib.sha256(payload.encode()).hexdigest()


@dataclass(frozen=True)
class Measure:
    """A roadmap area's baseline: the share of a sector giving certain answers."""

    domain: str
    question: str
    answers: tuple[str, ...]
    said: str


@dataclass
class Draft:
    """Figures, their relations and the tables, before suppression."""

    figures: dict[str, int] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    tables: list[dict] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    measures: list[dict] = field(default_factory=list)

    def add(self, key: str, value: int) -> str:
        """Record a figure (once) and return its key."""
        self.figures.setdefault(key, value)
        return key

    def relate(self, total: str, parts: list[str]) -> None:
        """Record that ``total`` is the sum of ``parts``."""
        self.relations.append(Relation(total, tuple(parts)))


def counted_options(
    questions: dict[str, QuestionSpec], measures: list[Measure]
) -> dict[str, list[str]]:
    """The answers a release counts: its sections' questions, statements, measures."""
    wanted = {code for _, _, codes in SECTIONS for code in codes}
    wanted |= {m.question for m in measures}
    return {
        code: [option for option, _ in question.options]
        for code, question in questions.items()
        if code in wanted or question.type == "agreement"
    }


def _sector_of(code: str) -> str:
    if code == NO_SECTOR:
        return NOT_ANSWERED
    return code if code in SECTORS else OTHER_SECTOR


def build(
    tally: Tally, questions: dict[str, QuestionSpec], measures: list[Measure]
) -> Draft:
    """Every figure, relation and table a release of this tally publishes."""
    draft = Draft()
    n = draft.add("n", tally.respondents)
    sectors: dict[str, int] = {}
    for code, count in tally.by_sector.items():
        sectors[_sector_of(code)] = sectors.get(_sector_of(code), 0) + count
    sector_order = [*SECTORS, OTHER_SECTOR, NOT_ANSWERED]
    sector_keys = [draft.add(f"sector:{s}", sectors.get(s, 0)) for s in sector_order]
    draft.relate(n, sector_keys)
    draft.tables.append(
        _table(
            "sectors",
            "headline",
            "Respondents by sector",
            [
                (SECTOR_LABELS[s], k)
                for s, k in zip(sector_order, sector_keys, strict=True)
            ],
        )
    )
    draft.tables.append(_places_table(draft, tally, n))

    answers: dict[tuple[str, str, str], int] = {}
    for (sector, code, value), count in tally.answers.items():
        key = (_sector_of(sector), code, value)
        answers[key] = answers.get(key, 0) + count
    overall: dict[tuple[str, str], int] = {}
    for (_, code, value), count in answers.items():
        overall[(code, value)] = overall.get((code, value), 0) + count

    placed: set[str] = set()
    for section, _title, codes in SECTIONS:
        for code in codes:
            placed.add(code)
            if code not in questions:
                draft.missing.append(code)
                continue
            draft.tables.append(
                _question_table(draft, n, section, questions[code], overall)
            )
    for question in questions.values():
        if question.type == "agreement" and question.code not in placed:
            draft.tables.append(
                _question_table(draft, n, OTHER_STATEMENTS[0], question, overall)
            )
    for measure in measures:
        question = questions.get(measure.question)
        if question is None:
            draft.missing.append(measure.question)
            continue
        draft.measures.append(
            _measure(draft, n, measure, question, sector_order, answers, overall)
        )
    return draft


def _table(key: str, section: str, title: str, rows: list[tuple[str, str]], **extra):
    return {
        "key": key,
        "section": section,
        "title": title,
        "base": "n",
        "rows": [{"label": label, "figure": figure} for label, figure in rows],
        **extra,
    }


def _binary(draft: Draft, total: str, key: str, value: int, total_value: int) -> str:
    """A count and its complement within ``total``: both are derivable."""
    draft.add(key, value)
    draft.relate(total, [key, draft.add(f"{key}:not", total_value - value)])
    return key


def _places_table(draft: Draft, tally: Tally, n: str) -> dict:
    """ICB areas, and a borough alone only where 10 or more named it."""
    total = tally.respondents
    rows = []
    for area, boroughs in AREA_BOROUGHS.items():
        area_count = tally.by_area.get(area, 0)
        area_key = _binary(draft, n, f"area:{area}", area_count, total)
        rows.append((AREA_LABELS[area], area_key, 0))
        for borough in boroughs:
            count = tally.by_borough.get(borough, 0)
            if count < THRESHOLD:
                continue
            key = _binary(draft, n, f"borough:{borough}", count, total)
            # Respondents in the area but not this borough are a group too.
            rest = draft.add(f"area:{area}:without:{borough}", area_count - count)
            draft.relate(area_key, [key, rest])
            rows.append((borough.label, key, 1))
    for place in PLACES:
        key = _binary(draft, n, f"area:{place}", tally.by_area.get(place, 0), total)
        rows.append((AREA_LABELS[str(place)], key, 0))
    table = _table(
        "places",
        "headline",
        "Respondents by ICB area",
        [(label, key) for label, key, _ in rows],
        note="Respondents could name several boroughs, so the rows add up to more "
        "than the number of respondents. A borough is shown on its own only where "
        "10 or more respondents named it.",
    )
    for row, (_, _, level) in zip(table["rows"], rows, strict=True):
        row["level"] = level
    return table


def _question_table(
    draft: Draft, n: str, section: str, question: QuestionSpec, overall: dict
) -> dict:
    total = draft.figures[n]
    rows = []
    if question.type in SELECTED_TYPES:
        for option, label in question.options:
            key = f"q:{question.code}:{option}"
            value = overall.get((question.code, option), 0)
            rows.append((label, _binary(draft, n, key, value, total)))
        kind = "selected"
    else:
        parts = []
        for option, label in question.options:
            key = draft.add(
                f"q:{question.code}:{option}", overall.get((question.code, option), 0)
            )
            rows.append((label, key))
            parts.append(key)
        answered = sum(draft.figures[k] for k in parts)
        none_key = draft.add(f"q:{question.code}:{NOT_ANSWERED}", total - answered)
        rows.append(("Not answered or not asked", none_key))
        draft.relate(n, [*parts, none_key])
        kind = "distribution"
    return _table(
        f"q:{question.code}",
        section,
        question.text,
        rows,
        kind=kind,
        code=question.code,
        type=question.type,
        definition_hash=question.definition_hash,
    )


def _measure(draft, n, measure, question, sector_order, answers, overall) -> dict:
    """A two-way table: sector by (gave one of the answers, did not)."""
    code = measure.question
    # Several areas may count different answers of one question.
    tag = f"{code}:{'+'.join(measure.answers)}"
    total = draft.figures[n]
    if question.type in SELECTED_TYPES or len(measure.answers) == 1:
        yes = f"q:{code}:{measure.answers[0]}"
    else:
        yes = draft.add(
            f"m:{tag}:yes", sum(overall.get((code, a), 0) for a in measure.answers)
        )
        draft.relate(yes, [f"q:{code}:{a}" for a in measure.answers])
    no = draft.add(f"{yes}:not", total - draft.figures[yes])
    draft.relate(n, [yes, no])
    rows, yes_parts, no_parts = [], [], []
    for sector in sector_order:
        sector_total = draft.figures[f"sector:{sector}"]
        count = sum(answers.get((sector, code, a), 0) for a in measure.answers)
        sector_yes = draft.add(f"m:{tag}:{sector}:yes", count)
        sector_no = draft.add(f"m:{tag}:{sector}:no", sector_total - count)
        draft.relate(f"sector:{sector}", [sector_yes, sector_no])
        yes_parts.append(sector_yes)
        no_parts.append(sector_no)
        rows.append(
            {"sector": sector, "figure": sector_yes, "base": f"sector:{sector}"}
        )
    draft.relate(yes, yes_parts)
    draft.relate(no, no_parts)
    return {
        "domain": measure.domain,
        "question": code,
        "said": measure.said,
        "definition_hash": question.definition_hash,
        "overall": yes,
        "rows": rows,
    }


def _cell(draft: Draft, hidden: frozenset[str], key: str, base: str) -> dict:
    value = draft.figures[key]
    base_value = None if base in hidden else draft.figures[base]
    if key in hidden:
        status = "fewer_than_10" if is_small(value) else "hidden"
        return {"count": None, "status": status, "percent": None}
    return {"count": value, "status": "shown", "percent": percent(value, base_value)}


def resolve(draft: Draft, hidden: frozenset[str] | None = None) -> dict:
    """The snapshot body: tables with published counts only, and the measures.

    ``hidden`` is ``suppress``'s answer when the caller needs it too.
    """
    if hidden is None:
        hidden = suppress(draft.figures, draft.relations)
    respondents = _cell(draft, hidden, "n", "n")
    tables = []
    for table in draft.tables:
        rows = [
            {
                "label": row["label"],
                "figure": row["figure"],
                "level": row.get("level", 0),
                **_cell(draft, hidden, row["figure"], table["base"]),
            }
            for row in table["rows"]
        ]
        tables.append({**table, "rows": rows, "base": respondents["count"]})
    measures = []
    for measure in draft.measures:
        rows = []
        for row in measure["rows"]:
            cell = _cell(draft, hidden, row["figure"], row["base"])
            base = _cell(draft, hidden, row["base"], row["base"])
            rows.append({**row, **cell, "base_count": base["count"]})
        measures.append(
            {
                **measure,
                "rows": rows,
                "overall": _cell(draft, hidden, measure["overall"], "n"),
            }
        )
    return {
        "respondents": respondents,
        "tables": tables,
        "measures": measures,
        "missing": sorted(set(draft.missing)),
        "hidden_count": len(hidden),
    }
