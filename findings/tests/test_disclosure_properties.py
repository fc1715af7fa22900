"""Property tests: no release built from any response set gives away a count of 1 to 9.

Random response sets go through the real pipeline (tally, build, suppress,
resolve); the checks below are written independently of findings.disclosure:
exact rank tests over every published margin, not the suppression's own code.
"""

from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from findings.release import Measure, QuestionSpec, build, resolve
from findings.tally import tally_in_python

AGREEMENT = (
    ("strongly_disagree", "Strongly disagree"),
    ("disagree", "Disagree"),
    ("neither", "Neither"),
    ("agree", "Agree"),
    ("strongly_agree", "Strongly agree"),
    ("dont_know", "Don't know"),
)
COMPONENTS = (("training_all_staff", "Training"), ("leadership_role", "Leadership"))
YES_NO = (("yes", "Yes"), ("no", "No"), ("dont_know", "Don't know"))
QUESTIONS = {
    "r_realise_1": QuestionSpec("r_realise_1", "agreement", "Realise", AGREEMENT),
    "components_in_place": QuestionSpec(
        "components_in_place", "multiple", "In place", COMPONENTS
    ),
    "components_lived_experience": QuestionSpec(
        "components_lived_experience", "yes_no", "Lived experience", YES_NO
    ),
}
OPTIONS = {code: [o for o, _ in q.options] for code, q in QUESTIONS.items()}
MEASURES = [
    Measure("workforce_wellbeing", "components_in_place", ("training_all_staff",), ""),
    Measure("governance_leadership", "components_in_place", ("leadership_role",), ""),
    Measure("policy_procedure", "r_realise_1", ("agree", "strongly_agree"), ""),
    Measure("lived_experience", "components_lived_experience", ("yes",), ""),
]
BOROUGHS = ["camden", "barnet", "hackney", "croydon", "pan_london", "outside_london"]


def response():
    return st.tuples(
        st.sampled_from(
            ["nhs", "nhs", "local_authority", "met_police", "vcs", "", "x"]
        ),
        st.lists(st.sampled_from(BOROUGHS), max_size=3, unique=True),
        st.fixed_dictionaries(
            {},
            optional={
                "r_realise_1": st.sampled_from([c for c, _ in AGREEMENT]),
                "components_in_place": st.lists(
                    st.sampled_from([c for c, _ in COMPONENTS]), unique=True
                ),
                "components_lived_experience": st.sampled_from(["yes", "no"]),
            },
        ),
    )


def _echelon(rows: list[list[Fraction]]) -> list[tuple[int, list[Fraction]]]:
    """A basis of the row space as (pivot column, row), fully reduced."""
    rows = [list(r) for r in rows]
    basis: list[tuple[int, list[Fraction]]] = []
    for row in rows:
        for pivot, base in basis:
            if row[pivot]:
                factor = row[pivot]
                row = [a - factor * b for a, b in zip(row, base, strict=True)]
        lead = next((i for i, value in enumerate(row) if value), None)
        if lead is None:
            continue
        row = [value / row[lead] for value in row]
        basis = [
            (
                p,
                [a - b[lead] * c for a, c in zip(b, row, strict=True)]
                if b[lead]
                else b,
            )
            for p, b in basis
        ]
        basis.append((lead, row))
    return basis


def _in_row_space(basis, vector: list[Fraction]) -> bool:
    for pivot, base in basis:
        if vector[pivot]:
            factor = vector[pivot]
            vector = [a - factor * b for a, b in zip(vector, base, strict=True)]
    return not any(vector)


def derivable_small_counts(draft, shown: dict[str, int]) -> list[str]:
    """Hidden figures of 1 to 9 that the published margins fix exactly."""
    hidden = sorted(k for k in draft.figures if k not in shown)
    index = {k: i for i, k in enumerate(hidden)}
    rows = []
    for relation in draft.relations:
        row = [Fraction(0)] * len(hidden)
        for key, sign in [(relation.total, 1), *((p, -1) for p in relation.parts)]:
            if key in index:
                row[index[key]] += sign
        if any(row):
            rows.append(row)
    if not rows:
        return []
    # A hidden count is fixed exactly when its unit vector lies in the row
    # space of the published margins.
    basis = _echelon(rows)
    found = []
    for key in hidden:
        if not 1 <= draft.figures[key] <= 9:
            continue
        unit = [Fraction(0)] * len(hidden)
        unit[index[key]] = Fraction(1)
        if _in_row_space(basis, unit):
            found.append(key)
    return found


def published_counts(snapshot: dict) -> list[int]:
    counts = [snapshot["respondents"]["count"]]
    for table in snapshot["tables"]:
        counts += [row["count"] for row in table["rows"]]
    for measure in snapshot["measures"]:
        counts.append(measure["overall"]["count"])
        counts += [row["count"] for row in measure["rows"]]
        counts += [row["base_count"] for row in measure["rows"]]
    return [c for c in counts if c is not None]


def shown_figures(snapshot: dict) -> dict[str, int]:
    shown = {}
    if snapshot["respondents"]["count"] is not None:
        shown["n"] = snapshot["respondents"]["count"]
    for table in snapshot["tables"]:
        shown |= {
            r["figure"]: r["count"] for r in table["rows"] if r["count"] is not None
        }
    for measure in snapshot["measures"]:
        for row in measure["rows"]:
            if row["count"] is not None:
                shown[row["figure"]] = row["count"]
            if row["base_count"] is not None:
                shown[row["base"]] = row["base_count"]
    return shown


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(response(), max_size=90))
def test_no_release_lets_a_count_of_1_to_9_be_shown_or_derived(responses):
    tally = tally_in_python(responses, OPTIONS)
    draft = build(tally, QUESTIONS, MEASURES)
    snapshot = resolve(draft)

    assert not [c for c in published_counts(snapshot) if 1 <= c <= 9]

    shown = shown_figures(snapshot)
    # Whatever is shown is the true count.
    assert all(draft.figures[k] == v for k, v in shown.items())
    # Everything not displayed counts as unknown, complements included: a
    # complement that the margins fix is then caught like any other count.
    for relation in draft.relations:
        hidden = [m for m in relation.members if m not in shown]
        if relation.total in shown and hidden:
            remainder = sum(draft.figures[m] for m in hidden)
            assert not 1 <= remainder <= 9, (relation, remainder)
            # "Fewer than 10" tells a reader each such count is 1 to 9: those
            # bounds must not pin any of them either.
            if len(hidden) > 1 and all(1 <= draft.figures[m] <= 9 for m in hidden):
                others = len(hidden) - 1
                low = max(1, remainder - 9 * others)
                high = min(9, remainder - others)
                assert low < high, (relation, remainder)
    assert derivable_small_counts(draft, shown) == []


@settings(max_examples=25, deadline=None)
@given(st.lists(response(), min_size=10, max_size=60))
def test_percentages_are_whole_numbers_of_a_base_of_10_or_more(responses):
    snapshot = resolve(build(tally_in_python(responses, OPTIONS), QUESTIONS, MEASURES))
    for table in snapshot["tables"]:
        for row in table["rows"]:
            if row["percent"] is not None:
                assert isinstance(row["percent"], int)
                assert table["base"] >= 10
                assert row["count"] is not None
    for measure in snapshot["measures"]:
        for row in measure["rows"]:
            if row["percent"] is not None:
                assert row["base_count"] >= 10


@settings(max_examples=25, deadline=None)
@given(st.lists(response(), max_size=80))
def test_boroughs_appear_alone_only_with_10_or_more_respondents(responses):
    snapshot = resolve(build(tally_in_python(responses, OPTIONS), QUESTIONS, MEASURES))
    places = next(t for t in snapshot["tables"] if t["key"] == "places")
    for row in places["rows"]:
        if row["figure"].startswith("borough:"):
            borough = row["figure"].split(":", 1)[1]
            assert sum(borough in b for _, b, _ in responses) >= 10


def test_the_independent_check_finds_a_count_left_alone_in_a_margin():
    from findings.disclosure import Relation
    from findings.release import Draft

    draft = Draft(figures={"n": 20, "a": 5, "b": 15, "c": 0})
    draft.relations = [Relation("n", ("a", "b", "c"))]
    assert derivable_small_counts(draft, {"n": 20, "b": 15, "c": 0}) == ["a"]
    assert derivable_small_counts(draft, {"n": 20, "c": 0}) == []
    chained = Draft(figures={"r": 20, "a": 5, "b": 15, "col": 30, "c": 15})
    chained.relations = [Relation("r", ("a", "b")), Relation("col", ("b", "c"))]
    assert derivable_small_counts(chained, {"r": 20, "col": 30, "c": 15}) == ["a"]
