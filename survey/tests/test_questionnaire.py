"""The questionnaire definition: its rules and its content (version 1, 2024-25)."""

import copy

import pytest

from survey.questionnaire import (
    CURRENT_DEFINITION,
    DEFINITIONS,
    DefinitionError,
    definition_check,
    definition_read,
    definition_stats,
    prose,
)
from vocabulary.choices import (
    BCU,
    ICB,
    Component,
    Evidence,
    R,
    Sector,
    Stage,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def definition():
    return definition_read(CURRENT_DEFINITION)


def _questions(definition):
    return {q["code"]: q for s in definition["sections"] for q in s["questions"]}


def test_definition_has_40_to_60_questions_and_only_consent_is_required(definition):
    questions = _questions(definition)
    assert 40 <= len(questions) <= 60
    assert [c for c, q in questions.items() if q.get("required")] == ["consent"]


def test_every_question_says_why_it_is_asked(definition):
    assert all(q["why"].strip() for q in _questions(definition).values())


def test_time_estimate_for_answering_holds(definition):
    # The method in the file's header: 200 words a minute, 10 s per closed
    # question and 60 s per free-text answer, with a typical 3 answered. The
    # consent page shows the privacy text again, so it counts. The estimate is
    # the time to answer: the start page says reading it adds a few minutes.
    stats = definition_stats(definition)
    start_page = definition["meta"]["start_page"]
    words = stats["words"] + len(prose(start_page["privacy"]).split())
    closed = stats["questions"] - stats["long_text"]
    minutes = words / 200 + closed * 10 / 60 + 3
    estimate = definition["estimated_minutes"]
    assert estimate - 3 <= minutes <= estimate + 3, (minutes, estimate)


@pytest.mark.parametrize("path", DEFINITIONS, ids=lambda p: p.name)
def test_start_page_takes_a_few_minutes_to_read(path):
    # "plus a few minutes to read this page": at 200 words a minute (the
    # rendered page is checked in test_start_page).
    start_page = definition_read(path)["meta"]["start_page"]
    words = sum(len(prose(block).split()) for block in start_page.values())
    assert 1 <= words / 200 <= 4, words


@pytest.mark.parametrize("path", DEFINITIONS, ids=lambda p: p.name)
def test_start_page_text_states_no_time_of_its_own(path):
    # The start page shows estimated_minutes; a time in the prose would drift.
    blocks = definition_read(path)["meta"]["start_page"].values()
    assert blocks
    for block in blocks:
        assert "minutes" not in prose(block)


def test_option_codes_match_the_shared_vocabulary(definition):
    questions = _questions(definition)

    def codes(code):
        return [o["code"] for o in questions[code]["options"]]

    assert set(codes("sector")) == set(Sector.values) - {Sector.POLICING}
    assert codes("met_bcu") == list(BCU.values)
    assert [o["label"] for o in questions["met_bcu"]["options"]] == list(BCU.labels)
    assert codes("nhs_icb") == list(ICB.values)
    assert codes("components_in_place") == list(Component.values)
    assert codes("example_rs") == list(R.values)
    assert {"aware", "informed", "responsive"} <= set(codes("journey_stage"))
    assert set(Stage.values) <= set(codes("journey_stage"))
    assert codes("example_evidence")[:3] == list(Evidence.values)[:3]


def test_routing_asks_met_for_bcu_and_nhs_for_icb(definition):
    questions = _questions(definition)
    assert questions["met_bcu"]["show_if"] == {
        "question": "sector",
        "in": ["met_police"],
    }
    assert questions["nhs_icb"]["show_if"] == {"question": "sector", "in": ["nhs"]}


def test_nothing_asks_about_respondents_own_trauma(definition):
    questions = _questions(definition).values()
    assert questions
    for question in questions:
        text = question["text"].lower()
        assert "your own experience" not in text
        assert "have you experienced" not in text
    support = prose(definition["meta"]["start_page"]["support"])
    assert "not about your own experiences" in support


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["sections"][1]["questions"][0].pop("why"), "why is required"),
        (
            lambda d: d["sections"][1]["questions"][0].update(code="consent"),
            "invalid or repeated",
        ),
        (
            lambda d: d["sections"][1]["questions"][0].update(type="slider"),
            "unknown type",
        ),
        (
            lambda d: d["sections"][1]["questions"][0].update(required=True),
            "only the consent question is required",
        ),
        (
            lambda d: d["sections"][1]["questions"][1].update(
                show_if={"question": "sector", "in": ["martians"]}
            ),
            "unknown option codes",
        ),
        (
            lambda d: d["sections"][1]["questions"][1].update(
                show_if={"question": "anything_else", "in": ["x"]}
            ),
            "earlier single or multiple",
        ),
        (
            lambda d: d["sections"][-1]["questions"][-1].update(max_length=9000),
            "max_length",
        ),
        (lambda d: d["meta"]["start_page"].pop("support"), "support is missing"),
    ],
)
def test_definition_check_refuses_broken_rules(definition, change, message):
    broken = copy.deepcopy(definition)
    change(broken)
    with pytest.raises(DefinitionError, match=message):
        definition_check(broken)


def test_unreadable_file_is_a_definition_error(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("sections: [unclosed")
    with pytest.raises(DefinitionError, match="Cannot read"):
        definition_read(path)
