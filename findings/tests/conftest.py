"""Fixtures for findings tests: closed and open waves with synthetic responses."""

import datetime as dt

import pytest

from findings.demo import synthetic_responses
from findings.models import FindingsRelease
from survey.tests.factories import wave_with_questionnaire


def closed_wave(slug: str = "closed-wave", *, days_ago: int = 30, **fields):
    """A wave of the repository's questionnaire that closed ``days_ago`` days ago."""
    now = dt.datetime.now(tz=dt.UTC)
    return wave_with_questionnaire(
        slug=slug,
        opens_at=now - dt.timedelta(days=days_ago + 60),
        closes_at=now - dt.timedelta(days=days_ago),
        **fields,
    )


@pytest.fixture
def wave(db):
    wave = closed_wave()
    synthetic_responses(wave=wave, count=120, seed=7)
    return wave


@pytest.fixture
def release(wave):
    return FindingsRelease.objects.create(wave=wave, title="What London told us")
