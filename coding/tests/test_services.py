"""Saving codings, flagging passages, copying codebooks, drawing samples."""

import pytest

from audit.models import AuditEvent
from coding import services
from coding.models import Code, Codebook, Coding, Redaction
from coding.tests.factories import answer, code_named
from survey.tests.factories import wave_with_questionnaire

pytestmark = pytest.mark.django_db


def test_saving_a_coding_stores_codes_note_and_a_new_version(
    codebook, question, analyst
):
    response = answer(question.wave, "Leaders protect time.")
    barriers = code_named(codebook, "Barriers")
    coding = services.coding_save(
        response=response,
        question=question,
        coder=analyst,
        code_ids=[barriers.pk],
        note="first",
        version=0,
    )
    again = services.coding_save(
        response=response,
        question=question,
        coder=analyst,
        code_ids=[],
        note="second",
        version=coding.version,
    )
    assert again.pk == coding.pk
    assert again.version == 2
    assert list(again.codes.all()) == []
    assert again.note == "second"


def test_a_stale_form_is_refused_and_what_was_saved_is_kept(
    codebook, question, analyst
):
    response = answer(question.wave, "Leaders protect time.")
    helps = code_named(codebook, "What helps")
    services.coding_save(
        response=response,
        question=question,
        coder=analyst,
        code_ids=[helps.pk],
        note="kept",
        version=0,
    )
    # A second tab still showing "not coded yet" saves afterwards.
    with pytest.raises(services.StaleCoding) as stale:
        services.coding_save(
            response=response,
            question=question,
            coder=analyst,
            code_ids=[],
            note="lost?",
            version=0,
        )
    assert stale.value.current.note == "kept"
    saved = Coding.objects.get()
    assert saved.note == "kept"
    assert list(saved.codes.all()) == [helps]


def test_two_coders_saving_the_same_answer_keep_their_own_codings(
    codebook, question, analyst, vru_admin
):
    response = answer(question.wave, "Leaders protect time.")
    for coder in (analyst, vru_admin):
        services.coding_save(
            response=response,
            question=question,
            coder=coder,
            code_ids=[code_named(codebook, "Barriers").pk],
            note="",
            version=0,
        )
    assert Coding.objects.filter(response=response).count() == 2


def test_a_code_from_another_codebook_is_refused(codebook, question, analyst):
    other_wave = wave_with_questionnaire(slug="other")
    stranger = Code.objects.create(
        codebook=Codebook.objects.create(wave=other_wave), name="X", definition="x"
    )
    response = answer(question.wave, "Text.")
    with pytest.raises(services.CodingRefused, match="this wave's codebook"):
        services.coding_save(
            response=response,
            question=question,
            coder=analyst,
            code_ids=[stranger.pk],
            note="",
            version=0,
        )
    assert not Coding.objects.exists()


def test_flagging_a_passage_marks_every_occurrence_and_keeps_the_answer(
    question, analyst
):
    text = "Ask Jo Bloggs. Jo Bloggs runs the Elm Street hub."
    response = answer(question.wave, text)
    flagged = services.redaction_flag(
        response=response, question=question, passage="Jo Bloggs", user=analyst
    )
    assert [(r.start, r.end) for r in flagged] == [(4, 13), (15, 24)]
    response.refresh_from_db()
    assert response.answers["meaning_own_words"] == text
    assert AuditEvent.objects.filter(action=AuditEvent.Action.REDACTION).exists()


def test_flagging_a_passage_not_in_the_answer_is_refused(question, analyst):
    response = answer(question.wave, "Nothing to hide.")
    with pytest.raises(services.CodingRefused, match="exactly as it appears"):
        services.redaction_flag(
            response=response, question=question, passage="Jo", user=analyst
        )
    assert not Redaction.objects.exists()


def test_copying_a_codebook_keeps_codes_and_parents_and_is_audited(codebook, analyst):
    later = wave_with_questionnaire(slug="later")
    copy = services.codebook_copy(source=codebook, wave=later, user=analyst)
    child = copy.codes.get(name="Leadership")
    assert child.parent.name == "What helps"
    assert child.parent.codebook == copy
    assert copy.codes.count() == 3
    assert copy.copied_from == codebook
    event = AuditEvent.objects.get(action=AuditEvent.Action.CODEBOOK_CHANGE)
    assert event.detail == {"change": "copied", "from": codebook.pk, "codes": 3}


def test_copying_into_a_wave_with_a_codebook_is_refused(codebook, analyst):
    with pytest.raises(services.CodingRefused, match="already has a codebook"):
        services.codebook_copy(source=codebook, wave=codebook.wave, user=analyst)


def test_a_sample_is_the_same_for_the_same_seed(question, analyst, vru_admin):
    for i in range(40):
        answer(question.wave, f"Answer {i}.")
    first = services.sample_assign(
        question=question, percent=10, seed=7, coders=[analyst, vru_admin], user=analyst
    )
    second = services.sample_assign(
        question=question, percent=10, seed=7, coders=[analyst, vru_admin], user=analyst
    )
    chosen = set(first.responses.values_list("pk", flat=True))
    assert len(chosen) == 4
    assert chosen == set(second.responses.values_list("pk", flat=True))


def test_a_sample_needs_two_coders(question, analyst):
    answer(question.wave, "Answer.")
    with pytest.raises(services.CodingRefused, match="two coders"):
        services.sample_assign(
            question=question, percent=10, seed=1, coders=[analyst], user=analyst
        )
