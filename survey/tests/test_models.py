"""Waves open and close in London time; responses keep their rules in the database."""

import datetime as dt

import pytest
from django.db import IntegrityError

from survey.models import Response, Wave
from survey.tests.factories import (
    LONDON,
    QuestionFactory,
    ResponseFactory,
    SubmittedResponseFactory,
    WaveFactory,
)

pytestmark = pytest.mark.django_db


def test_wave_status_before_during_and_after():
    wave = WaveFactory(
        opens_at=dt.datetime(2024, 11, 1, tzinfo=LONDON),
        closes_at=dt.datetime(2025, 1, 11, tzinfo=LONDON),
    )
    assert (
        wave.status(dt.datetime(2024, 10, 31, 23, 59, tzinfo=LONDON)) == "not_open_yet"
    )
    assert wave.status(dt.datetime(2024, 11, 1, tzinfo=LONDON)) == "open"
    assert wave.status(dt.datetime(2025, 1, 10, 23, 59, 59, tzinfo=LONDON)) == "open"
    assert wave.status(dt.datetime(2025, 1, 11, tzinfo=LONDON)) == "closed"


def test_wave_must_close_after_it_opens():
    with pytest.raises(IntegrityError):
        WaveFactory(
            opens_at=dt.datetime(2025, 1, 1, tzinfo=LONDON),
            closes_at=dt.datetime(2025, 1, 1, tzinfo=LONDON),
        )


def test_submitted_response_needs_reference_and_time():
    with pytest.raises(IntegrityError):
        ResponseFactory(status=Response.Status.SUBMITTED)


def test_references_are_unique():
    first = SubmittedResponseFactory()
    with pytest.raises(IntegrityError):
        SubmittedResponseFactory(reference=first.reference)


def test_question_codes_are_unique_per_wave():
    question = QuestionFactory(code="sector")
    QuestionFactory(code="sector")  # another wave
    with pytest.raises(IntegrityError):
        QuestionFactory(code="sector", section=question.section)


def test_open_queryset_lists_only_published_open_waves():
    open_wave = WaveFactory()
    WaveFactory(is_published=False)
    WaveFactory(
        opens_at=dt.datetime(2024, 11, 1, tzinfo=LONDON),
        closes_at=dt.datetime(2025, 1, 11, tzinfo=LONDON),
    )
    assert list(Wave.objects.open()) == [open_wave]
