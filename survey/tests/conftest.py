"""Fixtures: waves loaded with the real questionnaire definition."""

import datetime as dt

import pytest

from survey.questionnaire import questionnaire_load
from survey.tests.factories import LONDON, wave_with_questionnaire


@pytest.fixture
def questionnaire(db):
    """The repository's current questionnaire version."""
    return questionnaire_load()


@pytest.fixture
def open_wave(questionnaire):
    """A published wave, open now, with the full questionnaire."""
    return wave_with_questionnaire(slug="open-wave", name="Open wave")


@pytest.fixture
def closed_wave(questionnaire):
    """The 2024-25 wave: open 1 November 2024 to the end of 10 January 2025."""
    return wave_with_questionnaire(
        slug="2024-25",
        name="Practice survey 2024-25",
        opens_at=dt.datetime(2024, 11, 1, tzinfo=LONDON),
        closes_at=dt.datetime(2025, 1, 11, tzinfo=LONDON),
        retention_until=dt.date(2026, 1, 31),
    )
