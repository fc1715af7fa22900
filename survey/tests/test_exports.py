"""Exports: one row per response, stable columns, labels, London dates, safe cells."""

import csv
import io
from http import HTTPStatus
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from audit.models import AuditEvent
from survey.exports.cells import FORMULA_TRIGGERS, cell_from_text
from survey.exports.columns import columns_for_waves, dictionary_rows
from survey.exports.resource import ResponseResource
from survey.models import Response
from survey.questionnaire import NEXT_WAVE_DEFINITION
from survey.tests.factories import (
    CollectorFactory,
    ResponseFactory,
    WaveFactory,
    london,
    submitted,
    wave_with_questionnaire,
)

pytestmark = pytest.mark.django_db

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


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_are_neutralised(value):
    safe = cell_from_text(value)
    assert safe.startswith("'")
    assert safe[1:] == value.replace("\x00", "")


@pytest.mark.parametrize(
    "value", ["Hackney Council", "2025-01-10T09:00:00+00:00", "", 3, None, "a=b"]
)
def test_ordinary_values_pass_unchanged(value):
    assert cell_from_text(value) == value


@given(st.text())
def test_no_safe_cell_starts_a_formula(value):
    safe = cell_from_text(value)
    assert safe[:1] not in FORMULA_TRIGGERS
    assert safe.lstrip()[:1] not in FORMULA_TRIGGERS or safe.startswith("'")


def _csv(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_one_row_per_submitted_response_with_labels_flags_and_london_dates(open_wave):
    submitted(open_wave, contact=True, submitted_at=london(2025, 7, 1, 9, 30))
    submitted(open_wave, {"consent": "yes", "sector": "nhs"})
    ResponseFactory(wave=open_wave)
    dataset = ResponseResource().export(Response.objects.all())
    rows = list(dataset.dict)
    assert len(rows) == 2
    first = rows[0]
    assert first["submitted_at"] == "2025-07-01T09:30:00+01:00"
    assert first["sector"] == "Local authority"
    assert first["principle_safety"] == "Disagree"
    assert first["components_in_place__training_all_staff"] == 1
    assert first["components_in_place__measuring_staff"] == 0
    assert first["boroughs__hackney"] == 1 and first["boroughs__camden"] == 0
    assert first["barriers__other"] == 1
    assert first["barriers_other"] == '\'=HYPERLINK("http://evil.example")'
    assert first["case_study_contact"] == 1
    assert "ada@example.org" not in str(rows)
    second = rows[1]
    # Not answered is blank (an empty cell), not 0.
    assert second["components_in_place__training_all_staff"] is None
    assert second["example_description"] is None
    assert second["case_study_contact"] == 0


def test_columns_are_stable_codes_in_questionnaire_order(open_wave):
    names = [column.name for column in columns_for_waves([open_wave])]
    assert names[:7] == [
        "reference",
        "wave",
        "submitted_at",
        "started_at",
        "case_study_contact",
        "collector",
        "collector_code",
    ]
    assert names.index("consent") < names.index("sector") < names.index("anything_else")
    assert "example_rs__realise" in names and "example_rs" not in names
    assert len(names) == len(set(names))


def test_export_and_dictionary_name_the_collector_or_say_direct(open_wave):
    collector = CollectorFactory(wave=open_wave, name="=Hackney partnership")
    submitted(open_wave, collector=collector)
    submitted(open_wave)
    rows = list(ResponseResource().export(Response.objects.all()).dict)
    by_code = {row["collector_code"]: row["collector"] for row in rows}
    # A name typed by an analyst is text in a spreadsheet, never a formula.
    assert by_code == {collector.code: "'=Hackney partnership", "": "direct"}
    dictionary = {
        row[0]: row[2] for row in dictionary_rows(columns_for_waves([open_wave]))
    }
    assert "direct" in dictionary["collector"]
    assert "?via=" in dictionary["collector_code"]


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
    response = analyst_client.post(url, {"format": "0", "resource": "0"})
    assert response.status_code == HTTPStatus.OK
    rows = _csv(response.content)
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
        reverse("admin:survey_response_export"), {"format": "1", "resource": "0"}
    )
    workbook = load_workbook(io.BytesIO(response.content))
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
        reverse("admin:survey_response_export"), {"format": "0", "resource": "0"}
    )
    headers = next(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    response = analyst_client.get(reverse("admin:survey_response_dictionary"))
    rows = _csv(response.content)
    assert [row["column"] for row in rows] == headers
    flag = next(row for row in rows if row["column"] == "example_rs__resist")
    assert flag["question_code"] == "example_rs"
    assert flag["type"] == "Multiple choice"
    assert flag["waves"] == open_wave.slug
    assert "1 = Resist (prevent) re-traumatisation" in flag["values"]
    sector = next(row for row in rows if row["column"] == "sector")
    assert "Local authority" in sector["values"]
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DATA_DICTIONARY).exists()


def _export_quietly(wave, file_format: str, output) -> None:
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
    rows = _csv(output.read_bytes())
    assert len(rows) == 3
    assert rows[0]["barriers_other"].startswith("'=")
    assert "3 of 3 responses (100%)" in err.getvalue()
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.row_count == 3 and event.file_format == "csv"


def test_command_exports_xlsx_with_the_data_dictionary(tmp_path, open_wave):
    submitted(open_wave)
    output = tmp_path / "out.xlsx"
    _export_quietly(open_wave, "xlsx", output)
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


def test_dictionary_rows_match_columns(open_wave):
    columns = columns_for_waves([open_wave])
    assert [row[0] for row in dictionary_rows(columns)] == [c.name for c in columns]


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
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert next(sheet.values)[0] == "column"
    event = AuditEvent.objects.get(action=AuditEvent.Action.DATA_DICTIONARY)
    assert event.filters == {"sector": "nhs"} and event.file_format == "xlsx"


def _reoption(wave, code, options):
    question = wave.questions.get(code=code)
    question.options = options
    question.save()
    return question


def test_exports_across_waves_keep_options_only_older_waves_offered(
    open_wave, closed_wave
):
    # The older wave offered "faith" and "peer_support"; the newer one dropped
    # them and added "youth_work", and relabelled "nhs".
    old_sector = list(closed_wave.questions.get(code="sector").options)
    _reoption(closed_wave, "sector", [*old_sector, {"code": "faith", "label": "Faith"}])
    _reoption(
        open_wave,
        "sector",
        [
            {"code": "youth_work", "label": "Youth work"},
            *(
                {**o, "label": "NHS (any trust)"} if o["code"] == "nhs" else o
                for o in old_sector
            ),
        ],
    )
    old_components = list(closed_wave.questions.get(code="components_in_place").options)
    _reoption(
        closed_wave,
        "components_in_place",
        [*old_components, {"code": "peer_support", "label": "Peer support"}],
    )
    submitted(
        closed_wave,
        {
            "consent": "yes",
            "sector": "faith",
            "components_in_place": ["peer_support", "screening"],
        },
        submitted_at=london(2024, 12, 1, 10, 0),
    )
    submitted(
        open_wave,
        {"consent": "yes", "sector": "nhs", "components_in_place": ["screening"]},
    )

    columns = columns_for_waves([open_wave, closed_wave])
    names = [column.name for column in columns]
    flags = [n for n in names if n.startswith("components_in_place__")]
    assert flags == [
        *(f"components_in_place__{o['code']}" for o in old_components),
        "components_in_place__peer_support",
    ]
    sector = next(column for column in columns if column.name == "sector")
    assert [o["code"] for o in sector.options][:2] == ["youth_work", "local_authority"]
    assert [o["code"] for o in sector.options][-1] == "faith"

    older, newer = ResponseResource().export(Response.objects.all()).dict
    assert older["sector"] == "Faith"
    assert older["components_in_place__peer_support"] == 1
    assert older["components_in_place__screening"] == 1
    assert older["components_in_place__measuring_staff"] == 0
    assert newer["sector"] == "NHS (any trust)"
    # Not offered in the newer wave: blank, not "not chosen".
    assert newer["components_in_place__peer_support"] is None
    assert newer["components_in_place__screening"] == 1
    assert newer["components_in_place__measuring_staff"] == 0

    dictionary = {row[0]: row for row in dictionary_rows(columns)}
    sector_values = dictionary["sector"][4]
    assert sector_values.startswith("Youth work (offered in open-wave only); ")
    assert "NHS (any trust); " in sector_values
    assert sector_values.endswith("Faith (offered in 2024-25 only)")
    peer = dictionary["components_in_place__peer_support"]
    assert peer[4] == (
        "1 = Peer support (peer_support); 0 = not (offered in 2024-25 only)"
    )
    assert peer[5] == "2024-25; open-wave"
    assert "offered" not in dictionary["components_in_place__screening"][4]


# What OWASP lists as formula triggers, each as short as a real answer can be.
HOSTILE_SHORT = ["=1+1", "+44", "-x", "@x", "\tx", "\rx"]


def _hostile_responses(wave):
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


def _assert_hostile_cells_neutralised(rows: list[dict]):
    assert len(rows) == len(HOSTILE_SHORT)
    for row, value in zip(rows, HOSTILE_SHORT, strict=True):
        assert row["organisation_name"] == "'" + value
        assert row["sector"] == "'" + value
        assert row["job_role"] == f"ok {value}"
    for row in rows:
        for cell in row.values():
            assert not isinstance(cell, str) or cell[:1] not in FORMULA_TRIGGERS


def test_hostile_values_in_the_admin_csv_export(analyst_client, open_wave):
    _hostile_responses(open_wave)
    response = analyst_client.post(
        reverse("admin:survey_response_export"), {"format": "0", "resource": "0"}
    )
    assert response.status_code == HTTPStatus.OK
    _assert_hostile_cells_neutralised(_csv(response.content))


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_hostile_values_in_the_export_command(tmp_path, open_wave, file_format):
    _hostile_responses(open_wave)
    output = tmp_path / f"out.{file_format}"
    _export_quietly(open_wave, file_format, output)
    if file_format == "csv":
        rows = _csv(output.read_bytes())
    else:
        sheet = load_workbook(output)["Responses"]
        assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
        headers, *values = list(sheet.values)
        rows = [dict(zip(headers, row, strict=True)) for row in values]
    _assert_hostile_cells_neutralised(rows)


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
        reverse("admin:survey_response_export"), {"format": "1", "resource": "0"}
    )
    assert response.status_code == HTTPStatus.OK
    sheet = load_workbook(io.BytesIO(response.content)).active
    headers, row = list(sheet.values)
    cells = dict(zip(headers, row, strict=True))
    assert cells["organisation_name"] == "Hackney Council"
    assert cells["sector"] == "nhstrust"
    assert cells["job_role"] == '["a", "list", "\\u0002"]'
    assert cells["principle_safety"] == '{"not": "a code"}'
    assert cells["components_in_place__screening"] == 1
    assert cells["components_in_place__measuring_staff"] == 0
    assert cells["barriers__funding"] == 0


def test_admin_and_command_record_the_same_lower_case_formats(
    tmp_path, analyst_client, open_wave
):
    submitted(open_wave)
    for index in ("0", "1"):
        analyst_client.post(
            reverse("admin:survey_response_export"), {"format": index, "resource": "0"}
        )
    for file_format in ("csv", "xlsx"):
        _export_quietly(open_wave, file_format, tmp_path / f"out.{file_format}")
    events = AuditEvent.objects.of_action(AuditEvent.Action.EXPORT).order_by("id")
    recorded = [(bool(event.user_id), event.file_format) for event in events]
    assert recorded == [
        (True, "csv"),
        (True, "xlsx"),
        (False, "csv"),
        (False, "xlsx"),
    ]


def test_version_2_answers_export_with_their_labels_and_dictionary(db):
    # "Not applicable to my role" is a code of its own: a label in the cell,
    # listed in the data dictionary apart from "Don't know".
    wave = wave_with_questionnaire(path=NEXT_WAVE_DEFINITION, slug="next")
    submitted(
        wave,
        {
            "consent": "yes",
            "principle_safety": "not_applicable",
            "principle_trust": "dont_know",
            "answering_for": "team",
            "team_supervision": "most_regularly",
            "has_example": "yes",
            "example_principles": ["safety", "choice"],
            "works_with": ["families"],
        },
    )
    row = next(iter(ResponseResource().export(Response.objects.all()).dict))
    assert row["principle_safety"] == "Not applicable to my role"
    assert row["principle_trust"] == "Don't know"
    assert row["team_supervision"] == "Yes, most people, regularly"
    assert row["example_principles__safety"] == 1
    assert row["example_principles__trust"] == 0
    assert row["works_with__families"] == 1
    columns = columns_for_waves([wave])
    described = {row[0]: row for row in dictionary_rows(columns)}
    safety = " ".join(map(str, described["principle_safety"]))
    assert "Don't know; Not applicable to my role" in safety
