"""The export_responses command: CSV and XLSX, progress, the audit trail."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import AuditEvent
from survey.tests.exported import (
    assert_hostile_cells_neutralised,
    csv_rows,
    export_quietly,
    hostile_responses,
)
from survey.tests.factories import (
    WaveFactory,
    submitted,
)

pytestmark = pytest.mark.django_db


def test_command_exports_csv_with_progress(tmp_path, open_wave):
    for _ in range(3):
        submitted(open_wave)
    submitted(WaveFactory(questionnaire=open_wave.questionnaire))
    output = tmp_path / "out.csv"
    err = StringIO()
    call_command(
        "export_responses",
        "--wave",
        open_wave.slug,
        "--output",
        str(output),
        stdout=StringIO(),
        stderr=err,
    )
    rows = csv_rows(output.read_bytes())
    assert len(rows) == 3
    assert rows[0]["barriers_other"].startswith("'=")
    assert "3 of 3 responses (100%)" in err.getvalue()
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.row_count == 3 and event.file_format == "csv"


def test_command_exports_xlsx_with_the_data_dictionary(tmp_path, open_wave):
    submitted(open_wave)
    output = tmp_path / "out.xlsx"
    export_quietly(open_wave, "xlsx", output)
    workbook = load_workbook(output)
    sheet = workbook["Responses"]
    rows = list(sheet.values)
    assert len(rows) == 2
    headers = list(rows[0])
    assert headers == [row[0] for row in list(workbook["Data dictionary"].values)[1:]]
    assert dict(zip(headers, rows[1], strict=True))["barriers_other"].startswith("'=")
    assert not [
        cell for row in sheet.iter_rows() for cell in row if cell.data_type == "f"
    ]


def test_command_refuses_an_unknown_wave(tmp_path):
    with pytest.raises(CommandError, match="no wave"):
        call_command(
            "export_responses", "--wave", "nope", "--output", str(tmp_path / "x.csv")
        )


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_hostile_values_in_the_export_command(tmp_path, open_wave, file_format):
    hostile_responses(open_wave)
    output = tmp_path / f"out.{file_format}"
    export_quietly(open_wave, file_format, output)
    if file_format == "csv":
        rows = csv_rows(output.read_bytes())
    else:
        sheet = load_workbook(output)["Responses"]
        assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
        headers, *values = list(sheet.values)
        rows = [dict(zip(headers, row, strict=True)) for row in values]
    assert_hostile_cells_neutralised(rows)


def test_admin_and_command_record_the_same_lower_case_formats(
    tmp_path, analyst_client, open_wave
):
    submitted(open_wave)
    for file_format in ("csv", "xlsx"):
        analyst_client.post(
            reverse("admin:survey_response_export"), {"format": file_format}
        )
    for file_format in ("csv", "xlsx"):
        export_quietly(open_wave, file_format, tmp_path / f"out.{file_format}")
    events = AuditEvent.objects.of_action(AuditEvent.Action.EXPORT).order_by("id")
    recorded = [(bool(event.user_id), event.file_format) for event in events]
    assert recorded == [
        (True, "csv"),
        (True, "xlsx"),
        (False, "csv"),
        (False, "xlsx"),
    ]
