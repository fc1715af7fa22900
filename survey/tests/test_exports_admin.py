"""The admin's export page and data dictionary: filters, audit, safe cells."""

import csv
import io
from http import HTTPStatus

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import AuditEvent
from survey.exports.cells import FORMULA_TRIGGERS
from survey.tests.exported import (
    HOSTILE,
    assert_hostile_cells_neutralised,
    csv_rows,
    hostile_responses,
)
from survey.tests.factories import (
    submitted,
)

pytestmark = pytest.mark.django_db


def test_admin_export_respects_filters_and_is_recorded(
    analyst_client, analyst, open_wave
):
    submitted(
        open_wave, {"consent": "yes", "sector": "nhs", "organisation_name": "=bad()"}
    )
    submitted(open_wave)
    url = reverse("admin:survey_response_export") + "?sector=nhs"
    page = analyst_client.get(url).content.decode()
    assert "1 submitted response match" in page
    response = analyst_client.post(url, {"format": "csv"})
    assert response.status_code == HTTPStatus.OK
    # Sent from a temporary file, a block at a time.
    assert response.streaming
    rows = csv_rows(response.getvalue())
    assert [row["sector"] for row in rows] == ["NHS"]
    assert rows[0]["organisation_name"] == "'=bad()"
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.user == analyst
    assert event.filters == {"sector": "nhs"}
    assert event.row_count == 1
    assert event.file_format == "csv"


def test_admin_xlsx_export_holds_no_formulas(analyst_client, open_wave):
    answers = {"consent": "yes", "organisation_name": "=1+1", "job_role": "@SUM(A1)"}
    for index, value in enumerate(HOSTILE):
        answers["meaning_own_words" if index == 0 else "enablers"] = value
        submitted(open_wave, dict(answers))
    response = analyst_client.post(
        reverse("admin:survey_response_export"), {"format": "xlsx"}
    )
    workbook = load_workbook(io.BytesIO(response.getvalue()))
    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    assert cells
    assert not [cell for cell in cells if cell.data_type == "f"]
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert "'=1+1" in texts and "'@SUM(A1)" in texts
    assert not [t for t in texts if t[:1] in FORMULA_TRIGGERS]


def test_editors_cannot_export(editor_client):
    url = reverse("admin:survey_response_export")
    assert editor_client.get(url).status_code == HTTPStatus.FORBIDDEN


def test_data_dictionary_lists_every_export_column(analyst_client, open_wave):
    submitted(open_wave)
    export = analyst_client.post(
        reverse("admin:survey_response_export"), {"format": "csv"}
    )
    headers = next(csv.reader(io.StringIO(export.getvalue().decode("utf-8-sig"))))
    response = analyst_client.get(reverse("admin:survey_response_dictionary"))
    rows = csv_rows(response.getvalue())
    assert [row["column"] for row in rows] == headers
    flag = next(row for row in rows if row["column"] == "example_rs__resist")
    assert flag["question_code"] == "example_rs"
    assert flag["type"] == "Multiple choice"
    assert flag["waves"] == open_wave.slug
    assert "1 = Resist (prevent) re-traumatisation" in flag["values"]
    sector = next(row for row in rows if row["column"] == "sector")
    assert "Local authority" in sector["values"]
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DATA_DICTIONARY).exists()


def test_data_dictionary_as_xlsx_keeps_the_changelist_filters(
    analyst_client, open_wave
):
    submitted(open_wave)
    changelist = analyst_client.get(
        reverse("admin:survey_response_changelist"), {"sector": "nhs"}
    ).content.decode()
    assert "sector=nhs&amp;format=xlsx" in changelist
    response = analyst_client.get(
        reverse("admin:survey_response_dictionary"), {"sector": "nhs", "format": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert next(sheet.values)[0] == "column"
    event = AuditEvent.objects.get(action=AuditEvent.Action.DATA_DICTIONARY)
    assert event.filters == {"sector": "nhs"} and event.file_format == "xlsx"


def test_hostile_values_in_the_admin_csv_export(analyst_client, open_wave):
    hostile_responses(open_wave)
    response = analyst_client.post(
        reverse("admin:survey_response_export"), {"format": "csv"}
    )
    assert response.status_code == HTTPStatus.OK
    assert_hostile_cells_neutralised(csv_rows(response.getvalue()))


def test_admin_xlsx_export_survives_control_characters_and_odd_shapes(
    analyst_client, open_wave
):
    submitted(
        open_wave,
        {
            "consent": "yes",
            "organisation_name": "Hackney\x01 Council",
            "sector": "nhs\x07trust",
            "job_role": ["a", "list", "\x02"],
            "principle_safety": {"not": "a code"},
            "components_in_place": [{"odd": 1}, "screening"],
            "barriers": {"funding": True},
        },
    )
    response = analyst_client.post(
        reverse("admin:survey_response_export"), {"format": "xlsx"}
    )
    assert response.status_code == HTTPStatus.OK
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    headers, row = list(sheet.values)
    cells = dict(zip(headers, row, strict=True))
    assert cells["organisation_name"] == "Hackney Council"
    assert cells["sector"] == "nhstrust"
    assert cells["job_role"] == '["a", "list", "\\u0002"]'
    assert cells["principle_safety"] == '{"not": "a code"}'
    assert cells["components_in_place__screening"] == 1
    assert cells["components_in_place__measuring_staff"] == 0
    assert cells["barriers__funding"] == 0
