"""A draft case study from a survey example, called with plain values."""

import pytest

from casestudies.services import case_study_draft_from_example

pytestmark = pytest.mark.django_db


def _draft(answers, boroughs=("hackney",)):
    return case_study_draft_from_example(
        response_id=None,
        reference="TIL-ABCD-EFGH",
        answers={"example_description": "A drop-in.", **answers},
        organisation="Hackney Council",
        sector="local_authority",
        boroughs=list(boroughs),
    )


def test_a_version_2_example_arrives_tagged_with_its_principles_and_place():
    case_study = _draft(
        {
            "example_principles": ["safety", "choice", "not_a_principle"],
            "example_where": ["pan_london", "outside_london", "prefer_not_to_say"],
        }
    )
    assert case_study.principles == ["safety", "choice"]
    assert case_study.places == ["pan_london"]


def test_without_where_the_example_happens_the_respondents_boroughs_are_used():
    case_study = _draft({}, boroughs=("hackney", "outside_london"))
    assert case_study.places == ["hackney"]
    assert case_study.principles == []
