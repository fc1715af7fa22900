"""Fixtures: a wave with the real questionnaire, a codebook and answers to code."""

import pytest

from coding.models import Code, Codebook
from survey.models import Question
from survey.tests.factories import wave_with_questionnaire

pytest_plugins = ["coding.tests.factories"]


@pytest.fixture
def wave(db):
    """A wave carrying questionnaire version 1."""
    return wave_with_questionnaire(slug="coding-wave", name="Coding wave")


@pytest.fixture
def codebook(wave):
    """A codebook: two top-level codes, one with a child."""
    book = Codebook.objects.create(wave=wave)
    helps = Code.objects.create(
        codebook=book, name="What helps", definition="Helps.", order=0
    )
    Code.objects.create(
        codebook=book,
        name="Leadership",
        definition="Leaders back it.",
        parent=helps,
        order=1,
        colour="green",
    )
    Code.objects.create(
        codebook=book, name="Barriers", definition="Gets in the way.", order=2
    )
    return book


@pytest.fixture
def question(wave):
    """The long-text question "what trauma-informed means to you"."""
    return Question.objects.get(wave=wave, code="meaning_own_words")
