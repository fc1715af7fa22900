"""Fixtures: waves loaded with the real questionnaire definition."""

import datetime as dt

import pytest

from survey.questionnaire import questionnaire_load, wave_questions_load
from survey.tests.factories import LONDON, WaveFactory


@pytest.fixture
def questionnaire(db):
    """The repository's current questionnaire version."""
    return questionnaire_load()


@pytest.fixture
def open_wave(questionnaire):
    """A published wave, open now, with the full questionnaire."""
    wave = WaveFactory(
        slug="open-wave",
        name="Open wave",
        questionnaire=questionnaire,
        intro=questionnaire.start_page["what_it_is"],
        privacy_text=questionnaire.start_page["privacy"],
    )
    wave_questions_load(wave=wave)
    return wave


@pytest.fixture
def closed_wave(questionnaire):
    """The 2024-25 wave: open 1 November 2024 to the end of 10 January 2025."""
    wave = WaveFactory(
        slug="2024-25",
        name="Practice survey 2024-25",
        questionnaire=questionnaire,
        opens_at=dt.datetime(2024, 11, 1, tzinfo=LONDON),
        closes_at=dt.datetime(2025, 1, 11, tzinfo=LONDON),
        retention_until=dt.date(2026, 1, 31),
    )
    wave_questions_load(wave=wave)
    return wave
