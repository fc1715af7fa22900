"""Codes leaving the admin: export_codes, the response export's code columns,
and flagged passages masked everywhere."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from audit.models import AuditEvent
from coding import services
from coding.agreed import agreed_codes, code_counts_by_sector
from coding.tests.factories import answer, code_named
from survey.exports import rows as export_rows
from survey.exports.service import responses_export
from survey.models import Response
from survey.services import response_case_study_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def coded(codebook, question, analyst, vru_admin):
    """One answer coded by two coders, with a name flagged for redaction."""
    response = answer(question.wave, "=Jo Bloggs at the Elm Street hub helped.")
    helps = code_named(codebook, "What helps")
    barriers = code_named(codebook, "Barriers")
    services.coding_save(
        response=response,
        question=question,
        coder=analyst,
        code_ids=[helps.pk, barriers.pk],
        note="=SUM(A1)",
        version=0,
    )
    services.coding_save(
        response=response,
        question=question,
        coder=vru_admin,
        code_ids=[helps.pk],
        note="",
        version=0,
    )
    services.redaction_flag(
        response=response, question=question, passage="Jo Bloggs", user=analyst
    )
    return response


def _rows(path):
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_export_codes_writes_a_row_per_code_and_coder_masked_and_safe(coded, tmp_path):
    path = tmp_path / "codes.csv"
    out = io.StringIO()
    call_command("export_codes", wave=coded.wave.slug, output=str(path), stdout=out)
    rows = _rows(path)
    assert sorted((r["coder"], r["code"]) for r in rows) == [
        ("analyst", "Barriers"),
        ("analyst", "What helps"),
        ("vru-admin", "What helps"),
    ]
    assert rows[0]["answer"] == "'=[redacted] at the Elm Street hub helped."
    assert {r["note"] for r in rows} == {"'=SUM(A1)", ""}
    assert "Exported 3 rows" in out.getvalue()
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.detail == {"export": "codes"}


def test_export_codes_writes_xlsx_by_extension(coded, tmp_path):
    path = tmp_path / "codes.xlsx"
    call_command("export_codes", wave=coded.wave.slug, output=str(path))
    headers, *values = list(load_workbook(path).active.values)
    assert headers[:5] == ("reference", "wave", "sector", "question_code", "answer")
    assert len(values) == 3
    assert "Jo Bloggs" not in str(values)


def test_export_codes_refuses_an_unknown_wave_or_extension(coded, tmp_path):
    with pytest.raises(CommandError, match="no wave"):
        call_command("export_codes", wave="nope", output=str(tmp_path / "a.csv"))
    with pytest.raises(CommandError, match=r"\.csv or \.xlsx"):
        call_command("export_codes", wave=coded.wave.slug, output="a.txt")


def test_response_export_masks_flags_and_adds_agreed_code_columns(
    coded, codebook, question, tmp_path
):
    uncoded = answer(question.wave, "Nobody coded this.")
    path = tmp_path / "responses.csv"
    responses_export(
        queryset=Response.objects.for_wave(question.wave),
        file_format="csv",
        output=str(path),
    )
    rows = {r["reference"]: r for r in _rows(path)}
    helps = code_named(codebook, "What helps")
    barriers = code_named(codebook, "Barriers")
    row = rows[coded.reference]
    assert row["meaning_own_words"] == "'=[redacted] at the Elm Street hub helped."
    # Both coders applied "What helps"; only one applied "Barriers".
    assert row[f"code__{helps.pk}__What helps"] == "1"
    assert row[f"code__{barriers.pk}__Barriers"] == "0"
    assert rows[uncoded.reference][f"code__{helps.pk}__What helps"] == ""
    coded.refresh_from_db()
    assert "Jo Bloggs" in coded.answers["meaning_own_words"]


def test_response_export_reads_agreed_codes_a_chunk_of_rows_at_a_time(
    codebook, question, analyst, monkeypatch, tmp_path
):
    monkeypatch.setattr(export_rows, "CHUNK_SIZE", 2)
    helps = code_named(codebook, "What helps")
    responses = [answer(question.wave, f"Answer {number}.") for number in range(5)]
    for response in responses[::2]:
        services.coding_save(
            response=response,
            question=question,
            coder=analyst,
            code_ids=[helps.pk],
            note="",
            version=0,
        )
    path = tmp_path / "responses.csv"
    with CaptureQueriesContext(connection) as queries:
        responses_export(
            queryset=Response.objects.for_wave(question.wave),
            file_format="csv",
            output=str(path),
        )
    cells = {r["reference"]: r[f"code__{helps.pk}__What helps"] for r in _rows(path)}
    assert cells == {
        response.reference: "1" if number % 2 == 0 else ""
        for number, response in enumerate(responses)
    }
    # Five rows in chunks of two: the codings are read three times, a chunk each.
    codings_read = [q for q in queries if 'FROM "coding_coding" WHERE' in q["sql"]]
    assert len(codings_read) == 3


def test_a_settlement_is_the_agreed_coding(coded, codebook, question, analyst):
    barriers = code_named(codebook, "Barriers")
    services.settlement_save(
        response=coded, question=question, code_ids=[barriers.pk], user=analyst
    )
    assert agreed_codes(Response.objects.all()) == {coded.pk: {barriers.pk}}
    assert code_counts_by_sector(barriers) == {"nhs": 1}
    assert code_counts_by_sector(code_named(codebook, "What helps")) == {}


def test_a_parent_code_counts_its_childrens_answers(codebook, question, analyst):
    response = answer(question.wave, "Leaders backed us.", sector="vcs")
    services.coding_save(
        response=response,
        question=question,
        coder=analyst,
        code_ids=[code_named(codebook, "Leadership").pk],
        note="",
        version=0,
    )
    assert code_counts_by_sector(code_named(codebook, "What helps")) == {"vcs": 1}


def test_case_study_draft_masks_flagged_passages(codebook, question, analyst):
    from survey.models import Question

    example = Question.objects.get(wave=question.wave, code="example_description")
    response = answer(
        question.wave,
        "Meaning.",
        example_description="Jo Bloggs set up a drop-in.",
    )
    from survey.tests.factories import ContactDetailsFactory

    ContactDetailsFactory(response=response, name="Ada", email="ada@example.org")
    services.redaction_flag(
        response=response, question=example, passage="Jo Bloggs", user=analyst
    )
    case_study = response_case_study_start(response=response, user=analyst)
    text = " ".join(
        str(getattr(case_study, field.name, ""))
        for field in case_study._meta.concrete_fields
    )
    assert "Jo Bloggs" not in text
    assert "[redacted] set up a drop-in." in text
