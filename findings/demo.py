"""Demo findings: a closed, clearly labelled demo baseline wave and its release.

About 300 synthetic responses, made with a seeded random generator so every
run makes the same ones, spread over sectors and boroughs. The real 2024-25
wave is never touched: it gets no invented responses.
"""

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from findings.models import FindingsMainPoint, FindingsRelease, FindingsTheme
from findings.services import release_publish
from survey.models import AGREEMENT_OPTIONS, Question, Response, Wave
from survey.questionnaire import questionnaire_load, wave_questions_load
from tilondon.replica import primary_reads
from vocabulary.choices import Borough

LONDON = ZoneInfo("Europe/London")
SEED = 20240601
RESPONSES = 300
BASELINE_SLUG = "demo-baseline"
BASELINE_NAME = "Demo baseline wave (demo data, not real responses)"
BASELINE_OPENS = dt.datetime(2024, 5, 1, tzinfo=LONDON)
BASELINE_CLOSES = dt.datetime(2024, 7, 1, tzinfo=LONDON)
DEMO_ORGANISATION = "Demo organisation (demo data)"
# Share of responses per sector; the rest of the weight is "other" or unanswered.
SECTOR_WEIGHTS = {
    "local_authority": 34,
    "met_police": 14,
    "nhs": 26,
    "vcs": 14,
    "education": 6,
    "cross_sector": 4,
    "other": 1,
    "": 1,
}
# How far each sector leans toward agreeing (demo data, invented for the demo).
SECTOR_LEAN = {"nhs": 0.15, "vcs": 0.1, "met_police": -0.1}
AGREEMENT = [o["code"] for o in AGREEMENT_OPTIONS]
BOROUGHS = [b.value for b in Borough if b != Borough.OUTSIDE_LONDON]
DEMO_THEMES = [
    (
        "Demo theme: time to reflect",
        "Demo text written for the demo release. In a real release the analysts "
        "summarise here, in their own words, what many written answers said.",
    ),
]


# Main points of the demo release: each figure is put in from the snapshot.
DEMO_POINTS = [
    (
        "{figure} agreed that people in their team understand that trauma is "
        "common and can affect anyone.",
        "agreeing:r_realise_1",
    ),
    (
        "{figure} agreed that managers in their team notice when colleagues are "
        "affected by the trauma they encounter in their work.",
        "agreeing:r_recognise_2",
    ),
    (
        "{figure} agreed that people using their service have real choices about "
        "their support.",
        "agreeing:principle_choice",
    ),
    (
        "{figure} said their organisation has a defined leadership role for "
        "trauma-informed practice.",
        "q:components_in_place:leadership_role",
    ),
    (
        "{figure} said their organisation trains all staff in trauma-informed "
        "practice, not only specialists.",
        "q:components_in_place:training_all_staff",
    ),
]


def _demo_points(release: FindingsRelease) -> None:
    """The demo main points whose question the wave asks."""
    asked = set(
        Question.objects.filter(wave=release.wave).values_list("code", flat=True)
    )
    order = 0
    for text, figure in DEMO_POINTS:
        code = figure.split(":")[1]
        if code in asked:
            FindingsMainPoint.objects.create(
                release=release, text=text, figure=figure, order=order
            )
            order += 1


def _agreement(rng: random.Random, lean: float) -> str:
    roll = rng.random() + lean
    if roll < 0.06:
        return "strongly_disagree"
    if roll < 0.18:
        return "disagree"
    if roll < 0.38:
        return "neither"
    if roll < 0.78:
        return "agree"
    if roll < 0.97:
        return "strongly_agree"
    return "dont_know"


def synthetic_answers(rng: random.Random, questions: list[Question]) -> dict:
    """One plausible, clearly demo, set of answers to ``questions``."""
    sector = rng.choices(list(SECTOR_WEIGHTS), weights=list(SECTOR_WEIGHTS.values()))[0]
    lean = SECTOR_LEAN.get(sector, 0.0)
    answers: dict = {"consent": "yes", "organisation_name": DEMO_ORGANISATION}
    if sector:
        answers["sector"] = sector
    if rng.random() < 0.95:
        answers["boroughs"] = rng.sample(BOROUGHS, k=rng.choice([1, 1, 1, 2, 3]))
    for question in questions:
        if question.code in answers or question.show_if or rng.random() < 0.08:
            continue
        codes = [o["code"] for o in question.options_with_labels()]
        if question.type == Question.Type.AGREEMENT:
            answers[question.code] = _agreement(rng, lean)
        elif question.type == Question.Type.YES_NO:
            answers[question.code] = "yes" if rng.random() < 0.5 + lean else "no"
        elif question.type == Question.Type.SINGLE and question.code != "sector":
            answers[question.code] = rng.choice(codes)
        elif question.type == Question.Type.MULTIPLE:
            chance = 0.3 + lean
            answers[question.code] = [c for c in codes if rng.random() < chance]
    return answers


def synthetic_responses(
    *, wave: Wave, count: int, seed: int = SEED, batch_size: int = 2000
) -> int:
    """Add ``count`` submitted synthetic responses to ``wave``; return the number."""
    # Reproducible demo data, not security: a seeded generator is the point.
    rng = random.Random(seed)  # noqa: S311
    questions = list(Question.objects.filter(wave=wave))
    span = (wave.closes_at - wave.opens_at).total_seconds()
    batch = []
    for index in range(count):
        response = Response(
            wave=wave,
            status=Response.Status.SUBMITTED,
            resume_token_hash=f"demo-{wave.pk}-{seed}-{index}",
            reference=f"DEMO-{seed % 10000:04d}-{index:06d}",
            submitted_at=wave.opens_at + dt.timedelta(seconds=rng.random() * span),
            last_step="demo",
        )
        response.set_answers(synthetic_answers(rng, questions), text_keys=set())
        batch.append(response)
        if len(batch) >= batch_size:
            Response.objects.bulk_create(batch)
            batch = []
    Response.objects.bulk_create(batch)
    return count


@transaction.atomic
def seed_demo() -> list[str]:
    """Create the demo baseline wave, its responses and its published release."""
    wave = Wave.objects.filter(slug=BASELINE_SLUG).first()
    lines = []
    if wave is None:
        questionnaire = questionnaire_load()
        wave = Wave.objects.create(
            slug=BASELINE_SLUG,
            name=BASELINE_NAME,
            opens_at=BASELINE_OPENS,
            closes_at=BASELINE_CLOSES,
            questionnaire=questionnaire,
            intro="Demo data for trying out the findings pages.",
            is_published=False,
            retention_until=dt.date(2030, 1, 1),
        )
        wave_questions_load(wave=wave)
    if not Response.objects.for_wave(wave).exists():
        synthetic_responses(wave=wave, count=RESPONSES)
        lines.append(f"Demo baseline wave: {RESPONSES} synthetic responses added")
    release, created = FindingsRelease.objects.get_or_create(
        wave=wave,
        defaults={
            "title": "What London told us: demo baseline (demo data)",
            "summary": f"Demo data: a worked example of a findings release, from "
            f"{RESPONSES} synthetic responses to the baseline questions, so staff can "
            "see how main points, the agreement picture and disclosure control "
            "look before a real wave is published.",
            "is_demo": True,
        },
    )
    if created:
        _demo_points(release)
        for order, (heading, text) in enumerate(DEMO_THEMES):
            FindingsTheme.objects.create(
                release=release, heading=heading, text=text, order=order
            )
    if not release.is_published:
        # The synthetic responses may be uncommitted, in this same transaction:
        # a replica could not see them yet.
        with primary_reads():
            release_publish(release=release, user=None)
        lines.append(f"Demo findings release published: /findings/{wave.slug}/")
    open_demo = Wave.objects.filter(slug="demo").first()
    if open_demo is not None and open_demo.is_open(timezone.now()):
        _, made = FindingsRelease.objects.get_or_create(
            wave=open_demo,
            defaults={
                "title": "What London told us: demo wave (demo data)",
                "summary": "Demo data: a draft to preview beside the demo baseline.",
                "is_demo": True,
            },
        )
        if made:
            lines.append("Draft demo findings release for the open demo wave added")
    return lines or ["Demo findings: exist"]
