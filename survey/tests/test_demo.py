"""Demo waves: the closed 2024-25 wave and an open demo wave, loaded idempotently."""

import datetime as dt

import pytest
from django.utils import timezone

from survey.demo import DEMO_WAVE_NAME, DEMO_WAVE_SLUG, WAVE_2024_NAME, seed_demo
from survey.models import Collector, Response, Wave
from survey.tests.factories import (
    LONDON,
    SubmittedResponseFactory,
    wave_with_questionnaire,
)

pytestmark = pytest.mark.django_db


def test_2024_25_wave_closes_at_the_end_of_10_january_london_time():
    seed_demo()
    wave = Wave.objects.get(name=WAVE_2024_NAME)
    assert wave.opens_at == dt.datetime(2024, 11, 1, tzinfo=LONDON)
    assert wave.closes_at == dt.datetime(2025, 1, 11, tzinfo=LONDON)
    assert wave.closes_at == dt.datetime(2025, 1, 11, 0, 0, tzinfo=dt.UTC)  # GMT
    assert wave.is_open(dt.datetime(2025, 1, 10, 23, 59, 59, tzinfo=LONDON))
    assert not wave.is_open()
    assert wave.questions.count() == 52


def test_demo_wave_is_open_now_clearly_named_and_has_demo_responses():
    lines = seed_demo()
    wave = Wave.objects.get(name=DEMO_WAVE_NAME)
    assert wave.is_open()
    assert "demo" in wave.intro.lower()
    assert list(Wave.objects.open()) == [wave]
    responses = Response.objects.for_wave(wave).submitted()
    assert responses.count() == 3
    assert all("demo" in r.organisation.lower() for r in responses)
    assert any("/survey/demo/" in line for line in lines)


def test_demo_responses_give_the_coding_workbench_written_answers_marked_demo():
    seed_demo()
    wave = Wave.objects.get(name=DEMO_WAVE_NAME)
    long_text = set(
        wave.questions.filter(type="long_text").values_list("code", flat=True)
    )
    written = [
        text
        for response in Response.objects.for_wave(wave).submitted()
        for code, text in response.answers.items()
        if code in long_text and text
    ]
    assert len(written) == 9
    assert all(text.startswith("Demo answer: ") for text in written)


def test_second_run_moves_no_dates_and_adds_nothing():
    seed_demo()
    wave = Wave.objects.get(name=DEMO_WAVE_NAME)
    wave.closes_at += dt.timedelta(days=3)
    wave.save()
    seed_demo()
    assert Wave.objects.get(pk=wave.pk).closes_at == wave.closes_at
    assert Response.objects.count() == 3
    assert Wave.objects.count() == 2


def test_seeding_reopens_a_demo_wave_that_has_closed():
    seed_demo()
    wave = Wave.objects.get(name=DEMO_WAVE_NAME)
    # As if first seeded more than a year ago.
    wave.opens_at = dt.datetime(2024, 1, 1, tzinfo=LONDON)
    wave.closes_at = dt.datetime(2025, 1, 31, tzinfo=LONDON)
    wave.retention_until = dt.date(2025, 5, 1)
    wave.save()
    assert not wave.is_open()
    lines = seed_demo()
    wave.refresh_from_db()
    assert wave.is_open()
    assert wave.closes_at > timezone.now() + dt.timedelta(days=300)
    assert wave.retention_until > wave.closes_at.date()
    assert any("re-opened" in line for line in lines)
    assert Response.objects.for_wave(wave).submitted().count() == 3
    assert wave.questions.count() == 51
    # The closed 2024-25 wave is real history and stays closed.
    assert not Wave.objects.get(name=WAVE_2024_NAME).is_open()


def test_demo_wave_carries_version_2_and_2024_25_keeps_version_1():
    seed_demo()
    demo = Wave.objects.get(name=DEMO_WAVE_NAME)
    past = Wave.objects.get(name=WAVE_2024_NAME)
    assert (demo.questionnaire.version, past.questionnaire.version) == (2, 1)
    assert demo.questions.filter(code="example_principles").exists()
    assert not past.questions.filter(code="example_principles").exists()
    assert past.questions.filter(code="job_role").exists()
    # The demo answers are stored as version 2 asks them.
    codes = {code for r in Response.objects.for_wave(demo) for code in r.answers}
    assert {"works_with", "team_training_types", "r_respond_1"} <= codes
    assert codes <= set(demo.questions.values_list("code", flat=True))


def test_a_demo_wave_seeded_with_version_1_moves_to_version_2_once():
    # As in a database seeded before version 2: the demo wave on version 1,
    # with its demo responses and one a visitor submitted.
    wave = wave_with_questionnaire(slug=DEMO_WAVE_SLUG, name=DEMO_WAVE_NAME)
    SubmittedResponseFactory(wave=wave)
    lines = seed_demo()
    wave.refresh_from_db()
    assert wave.questionnaire.version == 2
    assert any("moved to questionnaire version 2" in line for line in lines)
    assert wave.questions.count() == 51
    assert Response.objects.for_wave(wave).submitted().count() == 3
    lines = seed_demo()
    assert not any("moved" in line for line in lines)
    assert Response.objects.for_wave(wave).count() == 3


def test_demo_wave_has_one_clearly_named_demo_collector_however_often_seeded():
    lines = seed_demo()
    seed_demo()
    collector = Collector.objects.get()
    assert collector.wave.slug == DEMO_WAVE_SLUG
    assert "demo" in collector.name.lower()
    assert any(f"?via={collector.code}" in line for line in lines)


def test_a_demo_wave_seeded_with_an_earlier_copy_of_version_2_is_reloaded():
    # Version 2 changed before any real wave used it (docs/survey.md): a demo
    # wave seeded before then lacks the restored core statements.
    seed_demo()
    wave = Wave.objects.get(slug=DEMO_WAVE_SLUG)
    wave.questions.filter(code="r_respond_1").delete()
    lines = seed_demo()
    assert any("moved to questionnaire version 2" in line for line in lines)
    assert wave.questions.filter(code="r_respond_1").exists()
    assert Response.objects.for_wave(wave).submitted().count() == 3
    assert not any("moved" in line for line in seed_demo())
