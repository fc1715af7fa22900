"""Read a questionnaire definition (YAML in the repository) and load it into a wave.

The file is the versioned source of wording, order and routing; staff may then
edit a wave's copy in the admin. Loading checks the rules that keep answers
analysable: stable, unique codes, known types, routing only to earlier choice
questions and to option codes that exist.
"""

import re
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import transaction

from survey.models import (
    NOT_APPLICABLE_OPTION,
    OTHER,
    AnswerCount,
    Question,
    Questionnaire,
    Section,
    Wave,
)
from survey.routing import condition_met

QUESTIONNAIRE_DIR = Path(settings.BASE_DIR) / "survey" / "questionnaires"
# Version 1 is the 2024-25 wave's and the default; version 2 is for the next
# wave (the demo wave carries it). Both are checked in the tests.
CURRENT_DEFINITION = QUESTIONNAIRE_DIR / "practice-survey-v1.yaml"
NEXT_WAVE_DEFINITION = QUESTIONNAIRE_DIR / "practice-survey-v2.yaml"
DEFINITIONS = (CURRENT_DEFINITION, NEXT_WAVE_DEFINITION)

# The statements every version asks, with version 1's codes, so that every
# wave answers them alike: the 4 Rs (the findings' policy area reads
# r_respond_1) and the six principles. A version without one fails the check.
FOUR_R_CODES = (
    "r_realise_1",
    "r_realise_2",
    "r_recognise_1",
    "r_recognise_2",
    "r_respond_1",
    "r_respond_2",
    "r_resist_1",
    "r_resist_2",
)
PRINCIPLE_CODES = (
    "principle_safety",
    "principle_trust",
    "principle_choice",
    "principle_collaboration",
    "principle_empowerment",
    "principle_cultural_consideration",
)
CORE_QUESTION_CODES = FOUR_R_CODES + PRINCIPLE_CODES
# Every free-text box says this: in the file's hint of each long-text question
# (from version 2 on) and under every "Other" box.
FREE_TEXT_CAUTION = "Do not name other people or describe your own experiences."

CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_LENGTHS = {Question.Type.SHORT_TEXT: 200, Question.Type.LONG_TEXT: 4000}
START_PAGE_BLOCKS = ("what_it_is", "why", "who_sees_answers", "support", "privacy")
CHOICE_TYPES = {Question.Type.SINGLE, Question.Type.MULTIPLE}


def prose(text: object) -> str:
    """Unwrap a YAML text block: blank lines separate paragraphs, not line breaks."""
    paragraphs = str(text or "").strip().split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


class DefinitionError(ValueError):
    """The questionnaire file breaks a rule; the message says which."""


def definition_read(path: Path) -> dict[str, Any]:
    """Parse and check a questionnaire file; raise DefinitionError if it is wrong."""
    try:
        definition = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise DefinitionError(f"Cannot read {path}: {error}") from error
    definition_check(definition)
    return definition


def definition_check(definition: Any) -> None:
    """Raise DefinitionError for the first broken rule in a parsed definition."""
    if not isinstance(definition, dict):
        raise DefinitionError("The file must be a mapping at the top level.")
    for key in ("version", "code", "title", "estimated_minutes", "sections"):
        if key not in definition:
            raise DefinitionError(f"Missing top-level key: {key}")
    blocks = (definition.get("meta") or {}).get("start_page") or {}
    for block in START_PAGE_BLOCKS:
        if not str(blocks.get(block, "")).strip():
            raise DefinitionError(f"meta.start_page.{block} is missing")
    section_codes: set[str] = set()
    questions: dict[str, dict] = {}
    for section in definition["sections"]:
        code = section.get("code", "")
        if not CODE_PATTERN.match(str(code)) or code in section_codes:
            raise DefinitionError(f"Section code {code!r} is invalid or repeated")
        section_codes.add(code)
        if not section.get("questions"):
            raise DefinitionError(f"Section {code} has no questions")
        for question in section["questions"]:
            _check_question(question, questions)
            questions[question["code"]] = question
    missing = [
        code
        for code in CORE_QUESTION_CODES
        if questions.get(code, {}).get("type") != Question.Type.AGREEMENT
    ]
    if missing:
        raise DefinitionError(f"Core agreement questions missing: {missing}")


def _check_question(question: dict, earlier: dict[str, dict]) -> None:
    code = str(question.get("code", ""))
    if not CODE_PATTERN.match(code) or code in earlier:
        raise DefinitionError(f"Question code {code!r} is invalid or repeated")
    if question.get("type") not in Question.Type.values:
        raise DefinitionError(f"{code}: unknown type {question.get('type')!r}")
    for key in ("text", "why"):
        if not str(question.get(key, "")).strip():
            raise DefinitionError(f"{code}: {key} is required")
    qtype = question["type"]
    if bool(question.get("required")) != (qtype == Question.Type.CONSENT):
        raise DefinitionError(f"{code}: only the consent question is required")
    options = question.get("options") or []
    if qtype in CHOICE_TYPES:
        option_codes = [str(o.get("code", "")) for o in options]
        if not options or len(set(option_codes)) != len(option_codes):
            raise DefinitionError(f"{code}: options missing or repeated")
        if not all(CODE_PATTERN.match(c) for c in option_codes):
            raise DefinitionError(f"{code}: option codes must be snake_case")
        if "other" in option_codes or "prefer_not_to_say" in option_codes:
            raise DefinitionError(f"{code}: 'other' and 'prefer_not_to_say' are added")
    elif options and not _is_not_applicable(qtype, options):
        raise DefinitionError(f"{code}: only single and multiple list options")
    if question.get("not_applicable") and qtype != Question.Type.AGREEMENT:
        raise DefinitionError(f"{code}: not_applicable is for agreement questions")
    if qtype in MAX_LENGTHS:
        limit = question.get("max_length")
        if not isinstance(limit, int) or not 0 < limit <= MAX_LENGTHS[qtype]:
            raise DefinitionError(
                f"{code}: max_length must be 1 to {MAX_LENGTHS[qtype]}"
            )
    show_if = question.get("show_if")
    if show_if:
        target = earlier.get(show_if.get("question", ""))
        if target is None or target["type"] not in CHOICE_TYPES:
            raise DefinitionError(
                f"{code}: show_if must name an earlier single or multiple question"
            )
        known = {str(o["code"]) for o in target["options"]}
        if target.get("other_text"):
            known.add(OTHER)
        listed = [key for key in ("in", "not_in") if key in show_if]
        if len(listed) != 1:
            raise DefinitionError(f"{code}: show_if needs one of in or not_in")
        codes = show_if[listed[0]]
        if not codes or not set(map(str, codes)) <= known:
            raise DefinitionError(f"{code}: show_if lists unknown option codes")


def _is_not_applicable(qtype: str, options: list) -> bool:
    """True for how a loaded agreement item stores ``not_applicable: true``.

    The admin checks stored questions with these same rules.
    """
    codes = [str(o.get("code", "")) for o in options if isinstance(o, dict)]
    return qtype == Question.Type.AGREEMENT and codes == [NOT_APPLICABLE_OPTION["code"]]


def definition_stats(definition: dict) -> dict[str, int]:
    """Counts for checking the time estimate: questions, free text, words."""
    questions = [q for s in definition["sections"] for q in s["questions"]]
    words = sum(len(str(s.get("intro", "")).split()) for s in definition["sections"])
    words += sum(
        len(str(q["text"]).split()) + len(str(q.get("hint", "")).split())
        for q in questions
    )
    return {
        "questions": len(questions),
        "long_text": sum(q["type"] == Question.Type.LONG_TEXT for q in questions),
        "routed": sum(bool(q.get("show_if")) for q in questions),
        "words": words,
    }


def path_questions(definition: dict, answers: dict) -> list[dict]:
    """The questions a respondent with these answers is shown, in order.

    As in the survey, an answer to a question not shown does not count.
    """
    shown, kept = [], {}
    for section in definition["sections"]:
        for question in section["questions"]:
            if condition_met(_show_if(question), kept):
                shown.append(question)
                if question["code"] in answers:
                    kept[question["code"]] = answers[question["code"]]
    return shown


def path_minutes(definition: dict, answers: dict, *, free_text: int) -> float:
    """Minutes to answer along one path, by the method in the file's header.

    200 words a minute for the intros of the sections reached, the question
    texts and hints shown, and the privacy text the consent page repeats; 10
    seconds per closed question shown; 60 seconds per free-text answer given.
    The start page, read once before starting, is not included.
    """
    shown = path_questions(definition, answers)
    shown_codes = {q["code"] for q in shown}
    words = len(prose(definition["meta"]["start_page"]["privacy"]).split())
    for section in definition["sections"]:
        if any(q["code"] in shown_codes for q in section["questions"]):
            words += len(str(section.get("intro", "")).split())
    words += sum(
        len(str(q["text"]).split()) + len(str(q.get("hint", "")).split()) for q in shown
    )
    closed = sum(q["type"] != Question.Type.LONG_TEXT for q in shown)
    return words / 200 + closed * 10 / 60 + free_text


def _show_if(data: dict) -> dict:
    """A question's routing as stored: the question and its in or not_in codes."""
    show_if = data.get("show_if")
    if not show_if:
        return {}
    key = "not_in" if "not_in" in show_if else "in"
    return {"question": show_if["question"], key: [str(c) for c in show_if[key]]}


@transaction.atomic
def questionnaire_load(*, path: Path = CURRENT_DEFINITION) -> Questionnaire:
    """Create or update the Questionnaire row for a definition file."""
    definition = definition_read(path)
    questionnaire, _ = Questionnaire.objects.update_or_create(
        code=definition["code"],
        version=int(definition["version"]),
        defaults={
            "title": definition["title"],
            "estimated_minutes": int(definition["estimated_minutes"]),
            "start_page": {
                block: prose(definition["meta"]["start_page"][block])
                for block in START_PAGE_BLOCKS
            },
            "source": Path(path).name,
        },
    )
    return questionnaire


@transaction.atomic
def wave_questions_load(*, wave: Wave, path: Path = CURRENT_DEFINITION) -> int:
    """Write a definition's sections and questions into a wave; return questions.

    Existing rows are updated by code, so staff edits to wording are replaced.
    A question is never removed from a wave that has submitted answers.
    """
    definition = definition_read(path)
    wanted_questions: set[str] = set()
    wanted_sections: set[str] = set()
    for section_order, section_data in enumerate(definition["sections"], start=1):
        section, _ = Section.objects.update_or_create(
            wave=wave,
            code=section_data["code"],
            defaults={
                "title": section_data["title"],
                "intro": prose(section_data.get("intro", "")),
                "order": section_order,
            },
        )
        wanted_sections.add(section.code)
        for order, data in enumerate(section_data["questions"], start=1):
            Question.objects.update_or_create(
                wave=wave,
                code=data["code"],
                defaults={
                    "section": section,
                    "type": data["type"],
                    "text": prose(data["text"]),
                    "why": prose(data["why"]),
                    "hint": prose(data.get("hint", "")),
                    "required": bool(data.get("required", False)),
                    # An agreement item's extra option follows the scale.
                    "options": [
                        {"code": str(o["code"]), "label": str(o["label"])}
                        for o in data.get("options") or []
                    ]
                    + ([NOT_APPLICABLE_OPTION] if data.get("not_applicable") else []),
                    "prefer_not_to_say": bool(data.get("prefer_not_to_say", False)),
                    "other_text": bool(data.get("other_text", False)),
                    "max_length": data.get("max_length"),
                    "multiple": bool(data.get("multiple", False)),
                    "show_if": _show_if(data),
                    "order": order,
                },
            )
            wanted_questions.add(data["code"])
    stale = wave.questions.exclude(code__in=wanted_questions)
    if stale.exists() and wave.responses.submitted().exists():
        raise DefinitionError(
            f"{wave.slug} has submitted responses; questions "
            f"{sorted(stale.values_list('code', flat=True))} cannot be removed."
        )
    stale.delete()
    wave.sections.exclude(code__in=wanted_sections).delete()
    # A question's type decides whether its answers are counted.
    if wave.responses.submitted().exists():
        AnswerCount.objects.wave_rebuild(wave)
    return len(wanted_questions)
