"""Show-if routing: which pages and questions a respondent sees."""

import pytest

from survey.questionnaire import NEXT_WAVE_DEFINITION
from survey.routing import CONTACT_STEP_KEY, answers_pruned, condition_met, steps_build
from survey.tests.factories import wave_with_questionnaire

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_wave_v2(db):
    return wave_with_questionnaire(path=NEXT_WAVE_DEFINITION, slug="next")


@pytest.fixture
def structure(open_wave):
    sections = list(open_wave.sections.all())
    questions = list(open_wave.questions.order_by("section__order", "order"))
    return steps_build(sections, questions), questions


def _shown_codes(steps, answers):
    return [
        q.code
        for step in steps
        if not step.is_contact
        for q in step.shown_questions(answers)
    ]


def test_condition_met_for_single_and_multiple_answers():
    show_if = {"question": "sector", "in": ["nhs"]}
    assert condition_met({}, {})
    assert condition_met(show_if, {"sector": "nhs"})
    assert not condition_met(show_if, {"sector": "met_police"})
    assert not condition_met(show_if, {})
    assert condition_met({"question": "x", "in": ["a"]}, {"x": ["b", "a"]})


def test_condition_not_in_shows_unless_the_answer_matches_even_when_skipped():
    show_if = {"question": "answering_for", "not_in": ["team", "service"]}
    assert condition_met(show_if, {"answering_for": "myself"})
    assert condition_met(show_if, {})
    assert condition_met(show_if, {"answering_for": ""})
    assert not condition_met(show_if, {"answering_for": "team"})
    assert not condition_met({"question": "x", "not_in": ["a"]}, {"x": ["b", "a"]})
    assert condition_met({"question": "x", "not_in": ["a"]}, {"x": ["b"]})


def test_answers_pruned_drops_answers_that_not_in_routing_hides(open_wave_v2):
    questions = list(open_wave_v2.questions.order_by("section__order", "order"))
    answers = {
        "answering_for": "team",
        "training_types": ["half_day"],
        "training_confidence": "agree",
        "team_training_types": ["none"],
    }
    kept = answers_pruned(questions, answers)
    assert kept == {"answering_for": "team", "team_training_types": ["none"]}


def test_version_2_training_pages_route_without_javascript(open_wave_v2):
    sections = list(open_wave_v2.sections.all())
    questions = list(open_wave_v2.questions.order_by("section__order", "order"))
    steps = steps_build(sections, questions)
    training = [s for s in steps if s.section.code == "training_support"]
    # The follow-up questions are routed on the first page's answers.
    assert [q.code for q in training[0].questions] == [
        "training_types",
        "team_training_types",
    ]
    answers = {"answering_for": "myself", "training_types": ["e_learning"]}
    assert [q.code for q in training[1].shown_questions(answers)] == [
        "training_follow_up",
        "training_confidence",
        "supervision",
        "reflective_practice",
    ]


def test_questions_routed_on_the_same_page_move_to_a_follow_on_page(structure):
    steps, _ = structure
    keys = [s.key for s in steps]
    assert keys[:4] == ["consent", "about_you", "about_you-2", "about_you-3"]
    about_you = steps[1]
    assert [q.code for q in about_you.questions] == ["sector"]
    assert "examples-2" in keys
    assert keys[keys.index("examples-2") + 1] == CONTACT_STEP_KEY
    assert {s.number for s in steps} == set(range(1, 11))


def test_met_respondents_are_asked_their_bcu_and_not_their_icb(structure):
    steps, _ = structure
    codes = _shown_codes(steps, {"sector": "met_police"})
    assert "met_bcu" in codes
    assert "nhs_icb" not in codes
    assert "nhs_organisation_type" not in codes


def test_nhs_respondents_are_asked_their_icb_and_organisation_type(structure):
    steps, _ = structure
    codes = _shown_codes(steps, {"sector": "nhs"})
    assert {"nhs_icb", "nhs_organisation_type"} <= set(codes)
    assert "met_bcu" not in codes


def test_team_size_only_for_people_answering_for_a_team(structure):
    steps, _ = structure
    assert "team_size" not in _shown_codes(steps, {"answering_for": "myself"})
    assert "team_size" in _shown_codes(steps, {"answering_for": "service"})
    team_page = next(s for s in steps if s.key == "about_you-3")
    assert not team_page.is_shown({"answering_for": "myself"})


def test_contact_page_only_for_respondents_with_an_example(structure):
    steps, _ = structure
    contact = next(s for s in steps if s.is_contact)
    assert contact.is_shown({"has_example": "yes"})
    assert contact.is_shown({"has_example": "not_sure"})
    assert not contact.is_shown({"has_example": "no"})
    assert not contact.is_shown({})


def test_changing_sector_drops_answers_to_questions_no_longer_asked(structure):
    _, questions = structure
    answers = {
        "sector": "met_police",
        "met_bcu": "other",
        "met_bcu_other": "Specialist command",
        "nhs_icb": "north_east",
        "job_role": "Inspector",
    }
    assert answers_pruned(questions, answers) == {
        "sector": "met_police",
        "met_bcu": "other",
        "met_bcu_other": "Specialist command",
        "job_role": "Inspector",
    }


def test_other_text_is_dropped_when_other_is_no_longer_chosen(structure):
    _, questions = structure
    answers = {"sector": "nhs", "sector_other": "Left over"}
    assert answers_pruned(questions, answers) == {"sector": "nhs"}
