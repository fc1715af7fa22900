"""A respondent's path through a wave, worked out without the database."""

from survey.models import Question, Section
from survey.routing import CONTACT_STEP_KEY, path_of, steps_build

# Two sections: "about" (sector, then a question routed on it, which starts a
# follow-on page) and "examples" (the example question, then the contact page).
ABOUT = Section(pk=1, code="about", title="About you", order=1)
EXAMPLES = Section(pk=2, code="examples", title="Examples", order=2)
QUESTIONS = [
    Question(pk=1, section_id=1, code="sector", show_if={}),
    Question(
        pk=2,
        section_id=1,
        code="nhs_trust",
        show_if={"question": "sector", "in": ["nhs"]},
    ),
    Question(pk=3, section_id=2, code="has_example", show_if={}),
]
STEPS = steps_build([ABOUT, EXAMPLES], QUESTIONS)


def _keys(steps) -> list[str]:
    return [step.key for step in steps]


def test_the_pages_shown_follow_the_answers():
    assert _keys(STEPS) == ["about", "about-2", "examples", CONTACT_STEP_KEY]
    assert _keys(path_of(STEPS, {}).shown) == ["about", "examples"]
    nhs = path_of(STEPS, {"sector": "nhs", "has_example": "yes"})
    assert _keys(nhs.shown) == ["about", "about-2", "examples", CONTACT_STEP_KEY]
    assert [q.code for q in nhs.questions_on(nhs.step("about-2"))] == ["nhs_trust"]


def test_next_and_previous_skip_hidden_pages():
    path = path_of(STEPS, {"sector": "police"})
    about, follow_on, examples = (
        path.step(k) for k in ("about", "about-2", "examples")
    )
    assert not path.is_shown(follow_on)
    assert path.questions_on(follow_on) == ()
    assert path.following(about) is examples
    # From a hidden page, on to the next shown one.
    assert path.following(follow_on) is examples
    assert path.following(examples) is None
    assert path.previous(examples) is about
    assert path.previous(about) is None


def test_a_respondent_carries_on_after_the_last_page_saved():
    path = path_of(STEPS, {"sector": "nhs", "has_example": "no"})
    assert path.after("").key == "about"
    assert path.after("about").key == "about-2"
    assert path.after("examples") is None
    # A page routed out since it was saved: back to the start.
    assert path_of(STEPS, {}).after("about-2").key == "about"


def test_an_unknown_page_key_has_no_step():
    assert path_of(STEPS, {}).step("nowhere") is None
