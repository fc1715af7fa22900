"""The answer counts PostgreSQL keeps equal a count of the responses, after
every kind of write (migration 0015, decision 0017)."""

import importlib
import threading
from collections import Counter

import pytest
from django.db import connection
from django.utils import timezone

from survey.models import RESPONDENTS, AnswerCount, Question, Response, Wave
from survey.models.counts import COUNTED_TYPES
from survey.questionnaire import wave_questions_load
from survey.services import (
    response_delete,
    response_start,
    response_submit,
)
from survey.tests.factories import SAMPLE_ANSWERS, submitted, wave_with_questionnaire

pytestmark = pytest.mark.django_db


def recount(wave: Wave) -> dict[tuple[str, str, str], int]:
    """The counts worked out from the answer documents, in Python."""
    codes = set(
        wave.questions.filter(type__in=COUNTED_TYPES).values_list("code", flat=True)
    )
    counts: Counter = Counter()
    for sector, answers in (
        Response.objects.submitted().filter(wave=wave).values_list("sector", "answers")
    ):
        counts[(sector, RESPONDENTS, "")] += 1
        for code in codes & answers.keys():
            value = answers[code]
            values = value if isinstance(value, list) else [value]
            for item in {v for v in values if isinstance(v, str)}:
                counts[(sector, code, item)] += 1
    return dict(counts)


@pytest.fixture
def wave():
    return wave_with_questionnaire(slug="counted")


def test_counts_follow_submissions_edits_and_deletions(wave):
    nhs = {**SAMPLE_ANSWERS, "sector": "nhs", "r_realise_1": "disagree"}
    first = submitted(wave)
    second = submitted(wave, nhs)
    submitted(wave, {**nhs, "boroughs": ["camden"]})
    Response.objects.create(wave=wave, resume_token_hash="draft", answers=nhs)
    assert AnswerCount.objects.counts(wave) == recount(wave)
    assert AnswerCount.objects.counts(wave)[("nhs", "r_realise_1", "disagree")] == 2
    assert AnswerCount.objects.counts(wave)[("nhs", RESPONDENTS, "")] == 2

    # An analyst's correction of a submitted answer, and of its sector.
    second.set_answers({**nhs, "r_realise_1": "agree"})
    second.save()
    first.set_answers({**SAMPLE_ANSWERS, "sector": "police"})
    first.save()
    assert AnswerCount.objects.counts(wave) == recount(wave)

    # A save that changes nothing counted leaves the counts alone.
    Response.objects.filter(pk=second.pk).update(updated_at=timezone.now())
    response_delete(response=first)
    Response.objects.filter(sector="nhs", boroughs=["camden"]).delete()
    assert AnswerCount.objects.counts(wave) == recount(wave)
    assert AnswerCount.objects.counts(wave)[("nhs", RESPONDENTS, "")] == 1


def test_a_draft_counts_only_once_submitted(wave):
    wave.opens_at = timezone.now() - timezone.timedelta(days=1)
    wave.closes_at = timezone.now() + timezone.timedelta(days=1)
    wave.save()
    response, _ = response_start(wave=wave)
    response.set_answers(SAMPLE_ANSWERS)
    response.save()
    assert AnswerCount.objects.counts(wave) == {}
    response_submit(response=response)
    counts = AnswerCount.objects.counts(wave)
    assert counts == recount(wave)
    assert counts[("local_authority", "boroughs", "hackney")] == 1
    assert counts[("local_authority", "example_rs", "respond")] == 1


def test_free_text_is_never_counted_and_a_repeated_option_counts_once(wave):
    submitted(
        wave,
        {
            **SAMPLE_ANSWERS,
            "barriers": ["funding", "funding", {"not": "a string"}],
            "r_resist_1": 3,
        },
    )
    counts = AnswerCount.objects.counts(wave)
    assert counts[("local_authority", "barriers", "funding")] == 1
    assert not [key for key in counts if key[1] == "meaning_own_words"]
    assert not [key for key in counts if key[1] in ("barriers_other", "r_resist_1")]
    assert counts == recount(wave)


def test_bulk_writes_are_counted_as_single_ones(wave):
    rows = []
    for number in range(3):
        response = Response(
            wave=wave,
            resume_token_hash=f"bulk-{number}",
            status=Response.Status.SUBMITTED,
            submitted_at=timezone.now(),
            reference=f"TIL-BULK-000{number}",
        )
        response.set_answers(SAMPLE_ANSWERS)
        rows.append(response)
    Response.objects.bulk_create(rows)
    assert AnswerCount.objects.counts(wave) == recount(wave)
    assert AnswerCount.objects.counts(wave)[("local_authority", RESPONDENTS, "")] == 3


def test_deleting_a_wave_and_its_responses_takes_its_counts_with_them(wave):
    submitted(wave)
    submitted(wave)
    other = wave_with_questionnaire(slug="kept")
    submitted(other)
    # Responses protect their wave: they go first, then the wave.
    Response.objects.filter(wave=wave).delete()
    assert AnswerCount.objects.counts(wave) == {}
    wave.delete()
    assert AnswerCount.objects.filter(wave_id=wave.pk).count() == 0
    assert AnswerCount.objects.counts(None) == recount(other)


def test_all_waves_add_up(wave):
    submitted(wave)
    other = wave_with_questionnaire(slug="second")
    submitted(other)
    both = AnswerCount.objects.counts(None)
    assert both[("local_authority", RESPONDENTS, "")] == 2
    assert both[("local_authority", "r_realise_1", "agree")] == 2


def test_a_question_changed_after_submission_is_counted_again(wave):
    submitted(wave)
    # Counted as free text until the definition is loaded again.
    Question.objects.filter(wave=wave, code="r_realise_1").update(type="long_text")
    AnswerCount.objects.wave_rebuild(wave)
    assert ("local_authority", "r_realise_1", "agree") not in (
        AnswerCount.objects.counts(wave)
    )
    wave_questions_load(wave=wave)
    assert AnswerCount.objects.counts(wave) == recount(wave)
    assert AnswerCount.objects.counts(wave)[("local_authority", "r_realise_1", "agree")]


def test_the_triggers_count_the_types_the_model_names():
    migration = importlib.import_module("survey.migrations.0015_answer_counts")
    named = "', '".join(COUNTED_TYPES)
    assert f"q.type IN ('{named}')" in migration.FUNCTIONS
    assert set(COUNTED_TYPES) <= set(Question.Type.values)


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_and_a_withdrawal_all_count():
    """Eight submissions in one sector and a withdrawal at the same moment:
    each waits for the rows the others hold, none deadlocks, all count."""
    wave = wave_with_questionnaire(
        slug="busy",
        opens_at=timezone.now() - timezone.timedelta(days=1),
        closes_at=timezone.now() + timezone.timedelta(days=1),
    )
    withdrawn = submitted(wave)
    drafts = []
    for number in range(8):
        draft, _ = response_start(wave=wave)
        # Half list the options in the other order: rows are still locked
        # in one order.
        answers = dict(SAMPLE_ANSWERS)
        if number % 2:
            answers["example_rs"] = ["respond", "recognise"]
        draft.set_answers(answers)
        draft.save()
        drafts.append(draft)
    errors, barrier = [], threading.Barrier(len(drafts) + 1)

    def write(action):
        barrier.wait()
        try:
            action()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    actions = [lambda d=d: response_submit(response=d) for d in drafts]
    actions.append(lambda: response_delete(response=withdrawn))
    threads = [threading.Thread(target=write, args=(a,)) for a in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    counts = AnswerCount.objects.counts(wave)
    assert counts == recount(wave)
    assert counts[("local_authority", RESPONDENTS, "")] == 8


@pytest.mark.django_db(transaction=True)
def test_the_migration_counts_the_responses_submitted_before_it():
    from django.db.migrations.executor import MigrationExecutor

    def migrate(targets):
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(targets)

    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        migrate([("survey", "0014_response_counting_index")])
        wave = wave_with_questionnaire(slug="before-counts")
        submitted(wave)
        submitted(wave, {**SAMPLE_ANSWERS, "sector": "nhs"})
        migrate([("survey", "0015_answer_counts")])
        assert AnswerCount.objects.counts(wave) == recount(wave)
        assert AnswerCount.objects.counts(wave)[("nhs", RESPONDENTS, "")] == 1
    finally:
        migrate(latest)
