"""Saves racing each other: one wins, the others are told, nothing is half-saved."""

import threading

import pytest
from django.db import connection

from coding import services
from coding.models import Code, Codebook, Coding
from coding.tests.factories import answer
from staff.tests.fixtures import staff_user
from survey.models import Question
from survey.tests.factories import wave_with_questionnaire


@pytest.mark.django_db(transaction=True)
def test_racing_saves_of_one_answer_keep_one_whole_coding_and_refuse_the_rest():
    wave = wave_with_questionnaire(slug="race")
    question = Question.objects.get(wave=wave, code="meaning_own_words")
    codebook = Codebook.objects.create(wave=wave)
    codes = [
        Code.objects.create(codebook=codebook, name=f"Code {i}", definition="x")
        for i in range(4)
    ]
    response = answer(wave, "Text.")
    # Staff with the analyst role (staff_user recreates the groups that a
    # transactional test's flush removed).
    coder = staff_user("racer", "VRU analyst")
    other = staff_user("other", "VRU analyst")
    outcomes, barrier = [], threading.Barrier(4)

    def save(user, code):
        barrier.wait()
        try:
            services.coding_save(
                response=response,
                question=question,
                coder=user,
                code_ids=[code.pk],
                note=code.name,
                version=0,
            )
            outcomes.append(("saved", user.username))
        except services.StaleCoding:
            outcomes.append(("stale", user.username))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(user, code))
        for user, code in zip([coder, coder, coder, other], codes, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes).count(("saved", "racer")) == 1
    assert sorted(outcomes).count(("stale", "racer")) == 2
    assert ("saved", "other") in outcomes
    mine = Coding.objects.get(coder=coder)
    # The winner's codes and note together, never a mix.
    assert [c.name for c in mine.codes.all()] == [mine.note]
    assert Coding.objects.filter(coder=other).count() == 1
