"""Version 2 of the questionnaire (waves after 2024-25) and what every version keeps."""

import copy

import pytest

from survey.models import Question
from survey.questionnaire import (
    CORE_QUESTION_CODES,
    CURRENT_DEFINITION,
    DEFINITIONS,
    FREE_TEXT_CAUTION,
    NEXT_WAVE_DEFINITION,
    DefinitionError,
    definition_check,
    definition_read,
    path_minutes,
    path_questions,
    prose,
)
from vocabulary.choices import Component, Principle, Sector

pytestmark = pytest.mark.django_db


def _questions(definition):
    return {q["code"]: q for s in definition["sections"] for q in s["questions"]}


# Version 2, for the waves after 2024-25.

TRAINED = ["half_day"]
TYPICAL_PATH = {
    "consent": "yes",
    "sector": "local_authority",
    "answering_for": "myself",
    "training_types": TRAINED,
    "has_example": "yes",
}


@pytest.fixture
def definition_v2():
    return definition_read(NEXT_WAVE_DEFINITION)


def test_typical_path_of_version_2_takes_15_minutes_or_less(definition_v2):
    # Typical: one example given (its two free-text boxes) and one other
    # free-text answer; every closed question on the path answered.
    shown = {q["code"] for q in path_questions(definition_v2, TYPICAL_PATH)}
    assert {"example_description", "example_principles", "training_confidence"} <= (
        shown
    )
    minutes = path_minutes(definition_v2, TYPICAL_PATH, free_text=3)
    assert minutes <= 15, minutes
    assert abs(definition_v2["estimated_minutes"] - minutes) <= 2
    # Version 1's typical path with an example was over 15 by the same method.
    v1 = definition_read(CURRENT_DEFINITION)
    assert (
        path_minutes(v1, {**TYPICAL_PATH, "answering_for": "service"}, free_text=3) > 15
    )


def test_path_minutes_counts_only_what_the_path_shows(definition_v2):
    no_example = {**TYPICAL_PATH, "has_example": "no"}
    assert path_minutes(definition_v2, no_example, free_text=3) < path_minutes(
        definition_v2, TYPICAL_PATH, free_text=3
    )
    codes = [q["code"] for q in path_questions(definition_v2, no_example)]
    assert "example_description" not in codes
    assert codes[0] == "consent"


def test_version_2_keeps_version_1_codes_only_with_their_meaning(definition_v2):
    v1 = _questions(definition_read(CURRENT_DEFINITION))
    v2 = _questions(definition_v2)
    for code in set(v1) & set(v2):
        assert v1[code]["type"] == v2[code]["type"], code
        old = {o["code"]: o["label"] for o in v1[code].get("options") or []}
        new = {o["code"]: o["label"] for o in v2[code].get("options") or []}
        # An option keeps its code only with the same label; new ones are added.
        assert all(new[c] == label for c, label in old.items() if c in new), code
    cut = {
        "job_role",
        "meaning_familiarity",
        "training_total_length",
        "components_detail",
        "vicarious_trauma_support",
        "ti_champions",
        "vru_support_detail",
    }
    assert set(v1) - set(v2) == cut
    assert v2["training_types"]["text"] == v1["training_types"]["text"]


def test_version_2_vocabulary_and_new_questions(definition_v2):
    questions = _questions(definition_v2)

    def codes(code):
        return [o["code"] for o in questions[code]["options"]]

    assert codes("example_principles") == list(Principle.values)
    assert codes("works_with") == ["children_young_people", "families", "adults"]
    assert "safeguarding_children_partnership" in codes("la_service_area")
    assert set(codes("sector")) == set(Sector.values) - {Sector.POLICING}
    assert codes("components_in_place") == list(Component.values)
    # Trimmed to keep the typical path within 15 minutes: collectors (tracked
    # links) record how a response came without asking, and where an example
    # happens is asked when agreeing a case study.
    assert not {"heard_about", "example_where"} & set(questions)


def test_version_2_rules_every_version_keeps(definition_v2):
    questions = _questions(definition_v2)
    assert [c for c, q in questions.items() if q.get("required")] == ["consent"]
    assert all(q["why"].strip() for q in questions.values())
    for question in questions.values():
        hint = question.get("hint", "").replace(FREE_TEXT_CAUTION, "")
        text = f"{question['text']} {hint}".lower()
        assert "skip this if" not in text
        assert "your own experience" not in text
        assert "have you experienced" not in text
    agreement = [q for q in questions.values() if q["type"] == Question.Type.AGREEMENT]
    assert agreement and all(q.get("not_applicable") for q in agreement)


def test_training_follow_up_and_confidence_are_routed_after_some_training(
    definition_v2,
):
    def shown(answers):
        return {q["code"] for q in path_questions(definition_v2, answers)}

    followed = {"training_follow_up", "training_confidence"}
    assert followed <= shown(TYPICAL_PATH)
    assert not followed & shown({**TYPICAL_PATH, "training_types": ["none"]})
    assert not followed & shown({**TYPICAL_PATH, "training_types": []})
    assert followed <= shown({**TYPICAL_PATH, "training_types": ["other"]})


@pytest.mark.parametrize("answering_for", ["team", "service", "organisation"])
def test_respondents_for_a_unit_get_the_unit_wording(definition_v2, answering_for):
    answers = {
        **TYPICAL_PATH,
        "answering_for": answering_for,
        "team_training_types": TRAINED,
    }
    codes = {q["code"] for q in path_questions(definition_v2, answers)}
    assert {
        "team_training_types",
        "team_training_follow_up",
        "team_training_confidence",
        "team_supervision",
    } <= codes
    assert not {"training_types", "training_confidence", "supervision"} & codes


@pytest.mark.parametrize("answering_for", ["myself", None])
def test_respondents_for_themselves_or_skipping_get_the_personal_wording(
    definition_v2, answering_for
):
    answers = {**TYPICAL_PATH, "answering_for": answering_for}
    codes = {q["code"] for q in path_questions(definition_v2, answers)}
    assert {"training_types", "supervision"} <= codes
    assert not {"team_training_types", "team_supervision"} & codes


@pytest.mark.parametrize(
    ("show_if", "message"),
    [
        ({"question": "sector", "in": ["nhs"], "not_in": ["nhs"]}, "one of in"),
        ({"question": "sector"}, "one of in"),
        ({"question": "sector", "not_in": ["martians"]}, "unknown option codes"),
    ],
)
def test_definition_check_refuses_broken_not_in_routing(
    definition_v2, show_if, message
):
    broken = copy.deepcopy(definition_v2)
    broken["sections"][1]["questions"][1]["show_if"] = show_if
    with pytest.raises(DefinitionError, match=message):
        definition_check(broken)


def test_definition_check_refuses_not_applicable_off_the_agreement_scale(
    definition_v2,
):
    broken = copy.deepcopy(definition_v2)
    broken["sections"][1]["questions"][0]["not_applicable"] = True
    with pytest.raises(DefinitionError, match="not_applicable"):
        definition_check(broken)


# Comparable waves: the core statements in every version.


@pytest.mark.parametrize("path", DEFINITIONS, ids=lambda p: p.name)
def test_every_version_asks_every_core_statement_with_version_1s_codes(path):
    baseline = _questions(definition_read(CURRENT_DEFINITION))
    questions = _questions(definition_read(path))
    assert len(CORE_QUESTION_CODES) == 14
    for code in CORE_QUESTION_CODES:
        assert questions[code]["type"] == Question.Type.AGREEMENT, code
        assert questions[code]["type"] == baseline[code]["type"], code


def test_r_respond_1_the_policy_areas_question_is_back_in_version_2(definition_v2):
    question = _questions(definition_v2)["r_respond_1"]
    v1 = _questions(definition_read(CURRENT_DEFINITION))["r_respond_1"]
    assert question["text"] == v1["text"]
    sections = {
        q["code"]: s["code"] for s in definition_v2["sections"] for q in s["questions"]
    }
    assert sections["r_respond_1"] == "four_rs"


@pytest.mark.parametrize("code", CORE_QUESTION_CODES)
def test_definition_check_refuses_a_version_without_a_core_statement(
    definition_v2, code
):
    broken = copy.deepcopy(definition_v2)
    for section in broken["sections"]:
        section["questions"] = [q for q in section["questions"] if q["code"] != code]
    with pytest.raises(
        DefinitionError, match=f"Core agreement questions missing.*{code}"
    ):
        definition_check(broken)


# Safe to answer.


def test_every_long_text_box_asks_not_to_name_people_or_describe_own_experiences(
    definition_v2,
):
    # Version 1 (the 2024-25 wave, closed) predates the rule; every later
    # version keeps it. "Other" boxes say it too (test_question_templates).
    later = [p for p in DEFINITIONS if definition_read(p)["version"] >= 2]
    assert NEXT_WAVE_DEFINITION in later
    for path in later:
        boxes = [
            q
            for q in _questions(definition_read(path)).values()
            if q["type"] == Question.Type.LONG_TEXT
        ]
        assert boxes
        for question in boxes:
            assert FREE_TEXT_CAUTION in question.get("hint", ""), question["code"]


def test_statements_ask_for_the_respondents_view_not_other_peoples_feelings(
    definition_v2,
):
    for question in _questions(definition_v2).values():
        text = question["text"].lower()
        if " feel " in f" {text} ":
            assert text.startswith("i feel"), question["code"]
    safety = _questions(definition_v2)["principle_safety"]["text"]
    assert safety.startswith("We work in ways that keep people")


def test_the_organisation_name_is_optional_and_says_who_sees_it(definition_v2):
    question = _questions(definition_v2)["organisation_name"]
    assert not question.get("required")
    assert "(optional)" in question["text"]
    assert "Only the research team sees it" in question["why"]
    assert "never published" in question["why"]
    who = prose(definition_v2["meta"]["start_page"]["who_sees_answers"])
    assert "Only the research team sees individual answers" in who
    assert "your organisation's name" in who
    assert "Prefer not to say" in who
