"""The demo codebook: on the demo wave only, labelled demo, made once."""

import pytest

from coding.demo import seed_demo
from coding.models import Codebook
from survey.tests.factories import wave_with_questionnaire

pytestmark = pytest.mark.django_db


def test_the_demo_codebook_is_made_once_on_the_demo_wave_and_says_demo():
    wave_with_questionnaire(slug="demo")
    real = wave_with_questionnaire(slug="2024-25")
    assert seed_demo() == [
        "Coding: demo codebook on the demo wave (6 demo codes added)."
    ]
    assert seed_demo() == []
    codebook = Codebook.objects.get()
    assert codebook.wave.slug == "demo"
    assert codebook.is_demo
    assert "(demo)" in str(codebook)
    assert all("demo" in code.name for code in codebook.codes.all())
    assert codebook.codes.filter(parent__isnull=False).count() == 4
    assert not Codebook.objects.filter(wave=real).exists()


def test_without_a_demo_wave_nothing_is_made(db):
    assert seed_demo() == ["Coding: no demo wave, so no demo codebook."]
    assert not Codebook.objects.exists()
