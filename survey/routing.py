"""Show-if routing and the steps (pages) of a wave.

A section is one page, except that a question routed on an answer given on the
same page starts a follow-on page, so routing works without JavaScript. The
case-study contact page follows the examples section for respondents who have
an example to share. ``path_of`` applies routing to the pages once per request,
as a ``RespondentPath`` the page, its back link and its next link all read.
Pure: no queries, tested without the database (survey/tests/test_path.py).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from survey.models import OTHER, Question, Section

# The contact page is offered only to respondents with an example to share.
CONTACT_STEP_KEY = "case-study-contact"
CONTACT_AFTER_QUESTION = "has_example"
CONTACT_SHOW_IF = {"question": CONTACT_AFTER_QUESTION, "in": ["yes", "not_sure"]}


def condition_met(show_if: dict, answers: dict) -> bool:
    """True when there is no condition, or the answer it names matches.

    ``in`` shows the question when the answer is (or includes) a listed code;
    ``not_in`` shows it unless it is, so an unanswered question shows it.
    """
    if not show_if:
        return True
    value = answers.get(show_if.get("question", ""))
    values = value if isinstance(value, list) else [value]
    if "not_in" in show_if:
        return not any(v in show_if["not_in"] for v in values if v)
    return any(v in show_if.get("in", []) for v in values if v)


def is_shown(question: Question, answers: dict) -> bool:
    """True when routing shows this question, given the answers so far."""
    return condition_met(question.show_if, answers)


def answers_pruned(questions: Iterable[Question], answers: dict) -> dict:
    """Keep only answers to questions that routing still shows, in order."""
    kept: dict = {}
    for question in questions:
        if question.code not in answers or not is_shown(question, kept):
            continue
        kept[question.code] = answers[question.code]
        values = kept[question.code]
        values = values if isinstance(values, list) else [values]
        if question.other_text and OTHER in values and question.other_key in answers:
            kept[question.other_key] = answers[question.other_key]
    return kept


@dataclass(frozen=True)
class Step:
    """One page of the survey: part of a section, or the contact page."""

    key: str
    section: Section
    number: int  # the section's position, for "Section X of Y"
    part: int
    questions: tuple[Question, ...] = ()
    is_contact: bool = False

    def is_shown(self, answers: dict) -> bool:
        """True when at least one question on the page is shown."""
        if self.is_contact:
            return condition_met(CONTACT_SHOW_IF, answers)
        return any(is_shown(q, answers) for q in self.questions)

    def shown_questions(self, answers: dict) -> list[Question]:
        """The questions on this page that routing shows."""
        return [q for q in self.questions if is_shown(q, answers)]


def steps_build(sections: list[Section], questions: list[Question]) -> list[Step]:
    """Every possible page of a wave, in order, before routing is applied."""
    by_section: dict[int, list[Question]] = {s.pk: [] for s in sections}
    for question in questions:
        by_section.setdefault(question.section_id, []).append(question)
    steps = []
    for number, section in enumerate(sections, start=1):
        parts: list[list[Question]] = [[]]
        on_part: set[str] = set()
        for question in by_section[section.pk]:
            if question.show_if.get("question") in on_part:
                parts.append([])
                on_part = set()
            parts[-1].append(question)
            on_part.add(question.code)
        for part, part_questions in enumerate(parts, start=1):
            if part_questions:
                key = section.code if part == 1 else f"{section.code}-{part}"
                steps.append(Step(key, section, number, part, tuple(part_questions)))
        if any(q.code == CONTACT_AFTER_QUESTION for q in by_section[section.pk]):
            steps.append(
                Step(CONTACT_STEP_KEY, section, number, len(parts) + 1, is_contact=True)
            )
    return steps


@dataclass(frozen=True)
class RespondentPath:
    """A respondent's way through a wave: the pages and questions their answers show.

    Worked out once per request from the answers (``path_of``); the page, its
    back link and its next link all read it, so routing is applied once.
    """

    steps: tuple[Step, ...]  # every possible page, in order
    shown: tuple[Step, ...]  # the pages routing shows, in order
    questions: dict[str, tuple[Question, ...]]  # each shown page's shown questions

    def step(self, key: str) -> Step | None:
        """The possible page with this key, shown or not."""
        return next((s for s in self.steps if s.key == key), None)

    def is_shown(self, step: Step) -> bool:
        """True when routing shows this page."""
        return step.key in self.questions

    def questions_on(self, step: Step) -> tuple[Question, ...]:
        """The questions routing shows on a page (none if the page is hidden)."""
        return self.questions.get(step.key, ())

    def following(self, step: Step) -> Step | None:
        """The next page shown after this one (shown or not), or None at the end."""
        position = self.steps.index(step)
        return next((s for s in self.steps[position + 1 :] if self.is_shown(s)), None)

    def previous(self, step: Step) -> Step | None:
        """The shown page before this one, or None on the first."""
        position = self.shown.index(step) if step in self.shown else 0
        return self.shown[position - 1] if position > 0 else None

    def after(self, last_step: str) -> Step | None:
        """Where a respondent who last saved ``last_step`` carries on.

        The page after it, the first page if it is not (or no longer) shown, or
        None when it was the last page (check answers comes next).
        """
        keys = [s.key for s in self.shown]
        if last_step not in keys:
            return self.shown[0]
        position = keys.index(last_step) + 1
        return self.shown[position] if position < len(self.shown) else None


def path_of(steps: Iterable[Step], answers: dict) -> RespondentPath:
    """Apply routing to a wave's pages once, for one respondent's answers."""
    steps = tuple(steps)
    questions: dict[str, tuple[Question, ...]] = {}
    for step in steps:
        if step.is_shown(answers):
            questions[step.key] = tuple(step.shown_questions(answers))
    shown = tuple(s for s in steps if s.key in questions)
    return RespondentPath(steps=steps, shown=shown, questions=questions)
