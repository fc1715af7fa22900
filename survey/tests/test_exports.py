"""Exports: one row per response, stable columns, labels, London dates, safe cells."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from survey.exports.cells import FORMULA_TRIGGERS, cell_from_text
from survey.exports.columns import columns_for_waves, dictionary_rows
from survey.models import Response
from survey.questionnaire import NEXT_WAVE_DEFINITION
from survey.tests.exported import (
    HOSTILE,
    exported_rows,
)
from survey.tests.factories import (
    CollectorFactory,
    ResponseFactory,
    london,
    submitted,
    wave_with_questionnaire,
)

pytestmark = pytest.mark.django_db


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


def test_one_row_per_submitted_response_with_labels_flags_and_london_dates(open_wave):
    submitted(open_wave, contact=True, submitted_at=london(2025, 7, 1, 9, 30))
    submitted(open_wave, {"consent": "yes", "sector": "nhs"})
    ResponseFactory(wave=open_wave)
    rows = exported_rows(Response.objects.all())
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
    rows = exported_rows(Response.objects.all())
    by_code = {row["collector_code"]: row["collector"] for row in rows}
    # A name typed by an analyst is text in a spreadsheet, never a formula.
    # A direct response has no code: an empty cell.
    assert by_code == {collector.code: "'=Hackney partnership", None: "direct"}
    dictionary = {
        row[0]: row[2] for row in dictionary_rows(columns_for_waves([open_wave]))
    }
    assert "direct" in dictionary["collector"]
    assert "?via=" in dictionary["collector_code"]


def test_dictionary_rows_match_columns(open_wave):
    columns = columns_for_waves([open_wave])
    assert [row[0] for row in dictionary_rows(columns)] == [c.name for c in columns]


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

    older, newer = exported_rows(Response.objects.all())
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
    row = next(iter(exported_rows(Response.objects.all())))
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
