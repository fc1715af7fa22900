"""A draft case study from a practitioner's example, called with plain values."""

import pytest

from casestudies.models import CaseStudy
from casestudies.services import case_study_draft_from_example

pytestmark = pytest.mark.django_db


def _draft(**values):
    return case_study_draft_from_example(
        **{
            "title": "Example from response TIL-ABCD-EFGH",
            "slug": "example-til-abcd-efgh",
            "description": "A drop-in.\n\nRun weekly.",
            "outcomes": "",
            "evidence_answer": "",
            "organisation": "Hackney Council",
            "sector": "local_authority",
            "places": ["hackney"],
            "rs": [],
            "principles": [],
            **values,
        }
    )


def test_values_outside_the_vocabulary_are_dropped():
    case_study = _draft(
        principles=["safety", "choice", "not_a_principle"],
        places=["pan_london", "outside_london", "prefer_not_to_say"],
        rs=["recognise", "shout"],
        sector="not_a_sector",
    )
    assert case_study.principles == ["safety", "choice"]
    assert case_study.places == ["pan_london"]
    assert case_study.rs == ["recognise"]
    assert case_study.sectors == []


def test_a_draft_takes_its_summary_from_the_first_paragraph():
    case_study = _draft()
    assert case_study.status == CaseStudy.Status.DRAFT
    assert case_study.summary == "A drop-in."
    assert case_study.organisations == ["Hackney Council"]


def test_an_unknown_evidence_answer_is_recorded_as_practitioner_reported():
    case_study = _draft(evidence_answer="we think so")
    assert case_study.evidence == "practitioner_reported"
    assert "we think so" in case_study.evidence_note


def test_a_slug_already_taken_gets_a_number_instead_of_an_error():
    first = _draft()
    second = _draft()
    third = _draft()
    assert [first.slug, second.slug, third.slug] == [
        "example-til-abcd-efgh",
        "example-til-abcd-efgh-2",
        "example-til-abcd-efgh-3",
    ]
