"""Demo survey data: the 2024-25 wave (closed) and an open demo wave to try out.

The 2024-25 wave carries questionnaire version 1; the demo wave, which shows
newcomers what the next wave asks, carries version 2.
"""

import datetime as dt
from pathlib import Path

from django.utils import timezone

from survey.models import Collector, Questionnaire, Response, Wave
from survey.questionnaire import (
    CURRENT_DEFINITION,
    NEXT_WAVE_DEFINITION,
    definition_read,
    questionnaire_load,
    wave_questions_load,
)
from survey.services import response_submit
from throttling.tokens import token_hash, token_new
from vocabulary.time import LONDON

WAVE_2024_SLUG = "2024-25"
WAVE_2024_NAME = "Trauma-Informed London practice survey 2024-25"
# Open from 1 November 2024 until the end of 10 January 2025, London time: the
# wave is closed from the first instant of 11 January.
WAVE_2024_OPENS = dt.datetime(2024, 11, 1, 0, 0, tzinfo=LONDON)
WAVE_2024_CLOSES = dt.datetime(2025, 1, 11, 0, 0, tzinfo=LONDON)

DEMO_WAVE_SLUG = "demo"
DEMO_WAVE_NAME = "Demo wave: practice survey (open for trying out)"
# A tracked link for trying the share page and coverage by link; named as demo.
DEMO_COLLECTOR_NAME = "Demo link: a directors' network (demo data)"
DEMO_INTRO_NOTE = (
    "This is a demo wave for trying the survey out. Answers given here are "
    "demo data and are not part of the research."
)

# Demo responses, clearly marked: their organisation name says "Demo", and each
# written answer starts "Demo answer:", so the coding workbench has answers to code.
DEMO_RESPONSES = [
    {
        "consent": "yes",
        "sector": "local_authority",
        "la_service_area": "childrens_services",
        "organisation_name": "Demo council (demo data)",
        "boroughs": ["hackney"],
        "works_with": ["children_young_people", "families"],
        "answering_for": "team",
        "team_size": "from_10_to_49",
        "journey_stage": "aware",
        "r_realise_1": "agree",
        "r_respond_1": "disagree",
        "principle_safety": "agree",
        "team_training_types": ["half_day"],
        "team_supervision": "some_or_irregular",
        "has_example": "no",
        "meaning_own_words": "Demo answer: noticing that behaviour can be a response "
        "to what has happened to someone, and asking what they need.",
        "barriers_detail": "Demo answer: caseloads are high, so staff cannot be "
        "released for training, and the funding for our pilot was short-term.",
        "enablers": "Demo answer: our director protects time for reflective "
        "practice, and refresher sessions follow the first course.",
    },
    {
        "consent": "yes",
        "sector": "met_police",
        "met_bcu": "central_east",
        "organisation_name": "Demo police team (demo data)",
        "boroughs": ["hackney", "tower_hamlets"],
        "works_with": ["adults"],
        "answering_for": "myself",
        "journey_stage": "informed",
        "r_realise_1": "strongly_agree",
        "principle_safety": "neither",
        "principle_choice": "not_applicable",
        "training_types": ["e_learning"],
        "training_confidence": "agree",
        "has_example": "no",
        "meaning_own_words": "Demo answer: keeping people safe while giving them "
        "choices, and explaining what we are doing and why.",
        "barriers_detail": "Demo answer: shift patterns and staff turnover mean the "
        "people who were trained have often moved on.",
        "enablers": "Demo answer: senior leaders talk about it in briefings, so "
        "it is seen as part of the job.",
    },
    {
        "consent": "yes",
        "sector": "nhs",
        "nhs_organisation_type": "mental_health_trust",
        "nhs_icb": "north_east",
        "organisation_name": "Demo NHS trust (demo data)",
        "boroughs": ["newham"],
        "works_with": ["adults", "families"],
        "answering_for": "service",
        "team_size": "from_50_to_249",
        "journey_stage": "responsive",
        "r_realise_1": "agree",
        "principle_safety": "strongly_agree",
        "team_training_types": ["multi_day"],
        "has_example": "no",
        "meaning_own_words": "Demo answer: working with people rather than doing "
        "things to them, and avoiding making them repeat their story.",
        "barriers_detail": "Demo answer: waiting lists and short-term grants; when "
        "the money ends, the work stops.",
        "enablers": "Demo answer: supervision that follows up the training, and "
        "people with lived experience helping to design the service.",
    },
]


def _wave(slug: str, defaults: dict, path: Path) -> tuple[Wave, bool]:
    wave = Wave.objects.filter(slug=slug).first()
    if wave:
        # Never move an existing wave's dates or overwrite staff edits.
        return wave, False
    wave = Wave.objects.create(slug=slug, **defaults)
    wave_questions_load(wave=wave, path=path)
    return wave, True


def _demo_wave_moved_to(wave: Wave, questionnaire: Questionnaire) -> bool:
    """Move a demo wave seeded with an older version, or an older copy of it.

    Version 2 was changed before any real wave used it (docs/survey.md), so a
    demo wave seeded before the change is reloaded too. Everything in the demo
    wave is demo data (its intro says so), so its responses are deleted rather
    than kept under questions the file no longer asks; the demo responses are
    then added again.
    """
    definition = definition_read(NEXT_WAVE_DEFINITION)
    wanted = {q["code"] for s in definition["sections"] for q in s["questions"]}
    if wave.questionnaire_id == questionnaire.pk and wanted == set(
        wave.questions.values_list("code", flat=True)
    ):
        return False
    Response.objects.for_wave(wave).delete()
    wave.questionnaire = questionnaire
    blocks = questionnaire.start_page
    wave.intro = f"{DEMO_INTRO_NOTE}\n\n{blocks['what_it_is']}"
    wave.privacy_text = blocks["privacy"]
    wave.save(update_fields=["questionnaire", "intro", "privacy_text"])
    wave_questions_load(wave=wave, path=NEXT_WAVE_DEFINITION)
    return True


def _demo_dates(now: dt.datetime) -> dict:
    """Open since a month ago, for a year; kept 90 days after the close."""
    opens = now.astimezone(LONDON).replace(hour=0, minute=0, second=0, microsecond=0)
    opens -= dt.timedelta(days=30)
    closes = opens + dt.timedelta(days=30 + 365)
    return {
        "opens_at": opens,
        "closes_at": closes,
        "retention_until": (closes + dt.timedelta(days=90)).date(),
    }


def demo_responses_add(*, wave: Wave, answers_list: list[dict]) -> int:
    """Add submitted demo responses to an open wave; return how many were added.

    For other apps' demo data too (the dashboard): each answers dict should say
    it is demo data in ``organisation_name``.
    """
    added = 0
    for answers in answers_list:
        if (
            Response.objects.for_wave(wave)
            .filter(organisation=answers.get("organisation_name", ""))
            .exists()
        ):
            continue
        response = Response(wave=wave, resume_token_hash=token_hash(token_new()))
        response.set_answers(answers)
        response.last_step = "demo"
        response.save()
        response_submit(response=response)
        added += 1
    return added


def seed_demo() -> list[str]:
    """Create the two waves and a few demo responses, if missing."""
    questionnaire = questionnaire_load(path=CURRENT_DEFINITION)
    next_questionnaire = questionnaire_load(path=NEXT_WAVE_DEFINITION)
    blocks = questionnaire.start_page
    now = timezone.now()
    lines = []
    past, created = _wave(
        WAVE_2024_SLUG,
        {
            "name": WAVE_2024_NAME,
            "opens_at": WAVE_2024_OPENS,
            "closes_at": WAVE_2024_CLOSES,
            "questionnaire": questionnaire,
            "intro": blocks["what_it_is"],
            "privacy_text": blocks["privacy"],
            "is_published": True,
            "retention_until": dt.date(2026, 1, 31),
        },
        CURRENT_DEFINITION,
    )
    lines.append(f"Survey wave {past.name}: {'created' if created else 'exists'}")
    dates = _demo_dates(now)
    next_blocks = next_questionnaire.start_page
    demo, created = _wave(
        DEMO_WAVE_SLUG,
        {
            "name": DEMO_WAVE_NAME,
            "questionnaire": next_questionnaire,
            "intro": f"{DEMO_INTRO_NOTE}\n\n{next_blocks['what_it_is']}",
            "privacy_text": next_blocks["privacy"],
            "is_published": True,
            **dates,
        },
        NEXT_WAVE_DEFINITION,
    )
    state = "created" if created else "exists"
    if not created and _demo_wave_moved_to(demo, next_questionnaire):
        state = f"moved to questionnaire version {next_questionnaire.version}"
    if not created and demo.status(now) == Wave.Status.CLOSED:
        # The demo wave is for trying the survey out: a newcomer seeding a
        # year-old database must still find it open. Only the dates move.
        for field, value in dates.items():
            setattr(demo, field, value)
        demo.save(update_fields=list(dates))
        state = "re-opened"
    lines.append(f"Survey wave {demo.name}: {state} (/survey/{demo.slug}/)")
    if demo.is_open(now):
        added = demo_responses_add(wave=demo, answers_list=DEMO_RESPONSES)
        lines.append(f"Demo survey responses added: {added}")
    collector, created = Collector.objects.get_or_create(
        wave=demo,
        name=DEMO_COLLECTOR_NAME,
        defaults={"kind": Collector.Kind.NETWORK, "created_by": "seed_demo"},
    )
    lines.append(
        f"Demo collector: {'created' if created else 'exists'} "
        f"({collector.get_absolute_url()}, share page "
        f"/survey/{demo.slug}/share/?via={collector.code})"
    )
    return lines
