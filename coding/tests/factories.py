"""Helpers for coding tests: answers to code, and codes by name."""

import pytest

from coding.models import Code
from survey.tests.factories import SAMPLE_ANSWERS, submitted


def answer(wave, text: str, *, sector: str = "nhs", **more):
    """A submitted response answering meaning_own_words with ``text``."""
    answers = {**SAMPLE_ANSWERS, "sector": sector, "meaning_own_words": text, **more}
    return submitted(wave, answers)


def code_named(codebook, name: str) -> Code:
    """The code of ``codebook`` called ``name``."""
    return codebook.codes.get(name=name)


@pytest.fixture
def answers(wave):
    """Five answers, in response order."""
    return [answer(wave, f"Answer number {i} about staff training.") for i in range(5)]
