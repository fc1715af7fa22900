"""The scoring rule: every field of the content file's rule, and its edge cases."""

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roadmap import scoring
from roadmap.scoring import Rating, StageReached
from roadmap.services import roadmap_content_read
from vocabulary.choices import Domain, Stage


@dataclass(frozen=True)
class S:
    """A statement as scoring sees it."""

    code: str
    domain: str
    stage: str


GOV = Domain.GOVERNANCE_LEADERSHIP
# The real shape: one aware, two informed and one responsive statement.
DOMAIN_STATEMENTS = [
    S("a1", GOV, Stage.AWARE),
    S("i1", GOV, Stage.INFORMED),
    S("i2", GOV, Stage.INFORMED),
    S("r1", GOV, Stage.RESPONSIVE),
]
CONTENT = roadmap_content_read()
YAML_STATEMENTS = [
    S(item["code"], item["domain"], item["stage"])
    for item in CONTENT["self_assessment"]["statements"]
]


def reached(**answers):
    return scoring.domain_stage_reached(answers, DOMAIN_STATEMENTS)


def test_code_scale_matches_the_content_file():
    scale = CONTENT["self_assessment"]["scale"]
    assert [(item["code"], item["label"], item["value"]) for item in scale] == [
        (rating.value, rating.label, scoring.RATING_VALUES[rating]) for rating in Rating
    ]


def test_code_scoring_fields_match_the_content_file():
    rule = CONTENT["self_assessment"]["scoring"]
    assert rule["threshold"] == scoring.THRESHOLD
    assert rule["unanswered"] == scoring.UNANSWERED
    assert rule["before_first_stage"] == {
        "code": StageReached.STARTING_OUT.value,
        "label": StageReached.STARTING_OUT.label,
    }


def test_nothing_answered_is_starting_out_in_every_domain():
    result = scoring.profile({}, YAML_STATEMENTS)
    assert result == dict.fromkeys(Domain.values, StageReached.STARTING_OUT)


def test_everything_fully_in_place_is_responsive_in_every_domain():
    answers = {s.code: Rating.FULLY for s in YAML_STATEMENTS}
    result = scoring.profile(answers, YAML_STATEMENTS)
    assert set(result.values()) == {StageReached.RESPONSIVE}


def test_threshold_mostly_counts_as_in_place():
    assert reached(a1="mostly") == StageReached.AWARE


@pytest.mark.parametrize("rating", ["not_yet", "starting"])
def test_ratings_below_the_threshold_do_not_count(rating):
    assert reached(a1=rating) == StageReached.STARTING_OUT


def test_unanswered_counts_as_not_yet():
    # i2 left out: the informed stage is not met.
    assert reached(a1="fully", i1="fully") == StageReached.AWARE


def test_every_statement_at_a_stage_must_be_in_place():
    assert reached(a1="fully", i1="fully", i2="starting") == StageReached.AWARE
    assert reached(a1="fully", i1="fully", i2="mostly") == StageReached.INFORMED


def test_gap_at_an_earlier_stage_caps_the_result():
    # Strong later stages never make up for an earlier gap.
    assert (
        reached(a1="starting", i1="fully", i2="fully", r1="fully")
        == StageReached.STARTING_OUT
    )
    assert reached(a1="fully", i1="not_yet", i2="fully", r1="fully") == (
        StageReached.AWARE
    )


def test_all_stages_met_is_responsive():
    assert reached(a1="mostly", i1="mostly", i2="mostly", r1="mostly") == (
        StageReached.RESPONSIVE
    )


def test_domains_are_scored_independently():
    answers = {s.code: "fully" for s in YAML_STATEMENTS if s.domain == GOV}
    result = scoring.profile(answers, YAML_STATEMENTS)
    assert result[GOV] == StageReached.RESPONSIVE
    assert all(
        value == StageReached.STARTING_OUT
        for domain, value in result.items()
        if domain != GOV
    )


def test_a_stage_without_statements_stops_the_climb():
    statements = [S("a1", GOV, Stage.AWARE), S("r1", GOV, Stage.RESPONSIVE)]
    answers = {"a1": "fully", "r1": "fully"}
    assert scoring.domain_stage_reached(answers, statements) == StageReached.AWARE


def test_a_domain_without_statements_is_starting_out():
    assert scoring.domain_stage_reached({}, []) == StageReached.STARTING_OUT


def test_unknown_ratings_and_codes_count_as_unanswered():
    assert reached(a1="brilliant") == StageReached.STARTING_OUT
    assert reached(a1=3) == StageReached.STARTING_OUT
    assert reached(zz="fully") == StageReached.STARTING_OUT


@pytest.mark.parametrize(
    ("result", "stage"),
    [
        ("starting_out", Stage.AWARE),
        ("aware", Stage.AWARE),
        ("informed", Stage.INFORMED),
        ("responsive", Stage.RESPONSIVE),
    ],
)
def test_next_steps_are_for_the_stage_reached_or_the_first(result, stage):
    assert scoring.next_steps_stage(result) == stage


def test_clean_answers_keeps_only_known_statements_and_ratings():
    answers = {"a1": "fully", "i1": "great", "zz": "mostly", "r1": None}
    assert scoring.clean_answers(answers, ["a1", "i1", "r1"]) == {"a1": "fully"}


def test_rating_label_reads_unanswered_as_not_yet():
    assert scoring.rating_label("mostly") == "Mostly"
    assert scoring.rating_label(None) == "Not answered (counts as “Not yet”)"


answers_strategy = st.dictionaries(
    st.one_of(st.sampled_from([s.code for s in YAML_STATEMENTS]), st.text()),
    st.one_of(st.sampled_from(Rating.values), st.text(), st.integers(), st.none()),
)


@given(answers_strategy)
def test_any_answers_give_a_valid_profile(answers):
    result = scoring.profile(answers, YAML_STATEMENTS)
    assert list(result) == Domain.values
    assert set(result.values()) <= set(StageReached)


@given(answers_strategy, st.sampled_from(YAML_STATEMENTS))
def test_raising_a_rating_never_lowers_a_stage(answers, statement):
    before = scoring.profile(answers, YAML_STATEMENTS)
    raised = {**answers, statement.code: Rating.FULLY.value}
    after = scoring.profile(raised, YAML_STATEMENTS)
    for domain in Domain.values:
        assert (
            scoring.STAGE_POSITIONS[after[domain]]
            >= scoring.STAGE_POSITIONS[before[domain]]
        )
