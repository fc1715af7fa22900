"""Scoring the self-assessment: pure functions from ratings to a stage per domain.

The rule (also in roadmap/content/roadmap.yaml, under self_assessment.scoring):
each domain is scored on its own; a domain's stage is the highest stage for which
every statement at that stage, and at every stage before it, is rated at least
THRESHOLD; an unanswered statement counts as UNANSWERED; a domain that does not
meet the first stage is STARTING_OUT. There is no overall score.
"""

from collections.abc import Iterable, Mapping
from typing import Protocol

from django.db import models

from vocabulary.choices import Domain, Stage


class Rating(models.TextChoices):
    """The 4-point scale a statement is rated on, lowest first."""

    NOT_YET = "not_yet", "Not yet"
    STARTING = "starting", "Starting"
    MOSTLY = "mostly", "Mostly"
    FULLY = "fully", "Fully in place"


RATING_VALUES = {
    Rating.NOT_YET: 0,
    Rating.STARTING: 1,
    Rating.MOSTLY: 2,
    Rating.FULLY: 3,
}
THRESHOLD = Rating.MOSTLY
UNANSWERED = Rating.NOT_YET


class StageReached(models.TextChoices):
    """A domain's result: one of the stages, or not yet at the first one."""

    STARTING_OUT = "starting_out", "Starting out"
    AWARE = Stage.AWARE.value, Stage.AWARE.label
    INFORMED = Stage.INFORMED.value, Stage.INFORMED.label
    RESPONSIVE = Stage.RESPONSIVE.value, Stage.RESPONSIVE.label


# 0 for starting out, then 1, 2, 3: the length of a bar in the chart.
STAGE_POSITIONS = {reached: position for position, reached in enumerate(StageReached)}


class StatementLike(Protocol):
    """What scoring needs to know about a statement."""

    code: str
    domain: str
    stage: str


def rating_value(rating: object) -> int:
    """The numeric value of a rating code; anything else counts as unanswered."""
    if isinstance(rating, str) and rating in Rating.values:
        return RATING_VALUES[Rating(rating)]
    return RATING_VALUES[UNANSWERED]


def rating_label(rating: object) -> str:
    """How a stored rating reads on the results page."""
    if isinstance(rating, str) and rating in Rating.values:
        return Rating(rating).label
    return f"Not answered (counts as “{UNANSWERED.label}”)"


def is_in_place(rating: object) -> bool:
    """True if a rating reaches the threshold."""
    return rating_value(rating) >= RATING_VALUES[THRESHOLD]


def domain_stage_reached(
    answers: Mapping[str, object], statements: Iterable[StatementLike]
) -> StageReached:
    """The stage one domain has reached, from the statements of that domain.

    A stage with no statements cannot be evidenced, so it stops the climb: a
    later stage is never reached over a gap.
    """
    statements = list(statements)
    reached = StageReached.STARTING_OUT
    for stage in Stage:
        at_stage = [s for s in statements if s.stage == stage]
        if not at_stage or not all(is_in_place(answers.get(s.code)) for s in at_stage):
            break
        reached = StageReached(stage.value)
    return reached


def profile(
    answers: Mapping[str, object], statements: Iterable[StatementLike]
) -> dict[str, StageReached]:
    """The stage reached in every domain, in domain order."""
    statements = list(statements)
    return {
        domain.value: domain_stage_reached(
            answers, [s for s in statements if s.domain == domain]
        )
        for domain in Domain
    }


def next_steps_stage(reached: str) -> Stage:
    """The stage whose actions are the next steps: the one reached, or the first."""
    if reached in Stage.values:
        return Stage(reached)
    return Stage.AWARE


def clean_answers(
    answers: Mapping[str, object], statement_codes: Iterable[str]
) -> dict[str, str]:
    """Only known statements rated on the scale, for storing."""
    codes = set(statement_codes)
    return {
        code: rating
        for code, rating in answers.items()
        if code in codes and isinstance(rating, str) and rating in Rating.values
    }
