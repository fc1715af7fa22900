"""Helpers for the export tests: hostile values, and exports read back as rows."""

import csv
import io
from io import StringIO

from django.core.management import call_command
from openpyxl import load_workbook

from survey.exports.cells import FORMULA_TRIGGERS
from survey.exports.service import responses_export
from survey.tests.factories import submitted

HOSTILE = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    '=HYPERLINK("http://evil.example","click")',
    "=cmd|' /C calc'!A0",
    "  =1+1",
    "\uff1d1+1",
]
# What OWASP lists as formula triggers, each as short as a real answer can be.
HOSTILE_SHORT = ["=1+1", "+44", "-x", "@x", "\tx", "\rx"]


def csv_rows(content: bytes) -> list[dict]:
    """The rows of an exported CSV file, as dicts keyed by column."""
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def exported_rows(queryset) -> list[dict]:
    """The submitted responses of ``queryset`` through the one export service,
    as XLSX (so numbers and blank cells read back as 1, 0 and None)."""
    output = io.BytesIO()
    responses_export(queryset=queryset, file_format="xlsx", output=output)
    headers, *rows = list(load_workbook(output)["Responses"].values)
    return [dict(zip(headers, row, strict=True)) for row in rows]


def export_quietly(wave, file_format: str, output) -> None:
    """Run export_responses for one wave without progress output."""
    call_command(
        "export_responses",
        "--wave",
        wave.slug,
        "--format",
        file_format,
        "--output",
        str(output),
        "--quiet",
        stdout=StringIO(),
    )


def hostile_responses(wave):
    """One response per hostile value, in a free-text and a single-choice answer."""
    for value in HOSTILE_SHORT:
        submitted(
            wave,
            {
                "consent": "yes",
                "organisation_name": value,
                "sector": value,
                "job_role": f"ok {value}",
            },
        )


def assert_hostile_cells_neutralised(rows: list[dict]):
    """Each hostile value is text in its cell; no cell starts a formula."""
    assert len(rows) == len(HOSTILE_SHORT)
    for row, value in zip(rows, HOSTILE_SHORT, strict=True):
        assert row["organisation_name"] == "'" + value
        assert row["sector"] == "'" + value
        assert row["job_role"] == f"ok {value}"
    for row in rows:
        for cell in row.values():
            assert not isinstance(cell, str) or cell[:1] not in FORMULA_TRIGGERS
