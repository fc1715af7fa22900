"""The sector filter and the self-assessment form."""

import pytest

from roadmap.forms import SectorForm, SelfAssessmentForm
from roadmap.tests.factories import DomainDescriptionFactory, StatementFactory
from vocabulary.choices import Domain, Sector, Stage

pytestmark = pytest.mark.django_db


@pytest.fixture
def statements():
    return [
        StatementFactory(code="gov_1", stage=Stage.AWARE),
        StatementFactory(code="gov_2", stage=Stage.INFORMED),
        StatementFactory(code="pol_1", domain=Domain.POLICY_PROCEDURE),
    ]


def test_sector_form_accepts_a_roadmap_sector():
    assert SectorForm({"sector": "met_police"}).chosen_sector() == Sector.MET_POLICE


def test_sector_form_blank_means_all_sectors():
    assert SectorForm({"sector": ""}).chosen_sector() == ""


def test_sector_form_refuses_other_sectors_in_govuk_voice():
    form = SectorForm({"sector": "education"})
    assert form.chosen_sector() == ""
    assert form.errors["sector"] == ["Select a sector from the list"]


def test_self_assessment_form_takes_optional_ratings(statements):
    form = SelfAssessmentForm(
        {"gov_1": "fully", "sector": "nhs"}, statements=statements
    )
    assert form.is_valid(), form.errors
    assert form.answers() == {"gov_1": "fully"}
    assert form.cleaned_data["sector"] == "nhs"


def test_rather_not_say_stores_no_sector(statements):
    form = SelfAssessmentForm(
        {"gov_1": "mostly", "sector": "none"}, statements=statements
    )
    assert form.is_valid()
    assert form.cleaned_data["sector"] == ""


def test_empty_form_is_refused_on_the_first_statement(statements):
    form = SelfAssessmentForm({}, statements=statements)
    assert not form.is_valid()
    assert form.has_error("gov_1", code="nothing_rated")


def test_unknown_rating_is_refused_and_other_answers_are_kept(statements):
    form = SelfAssessmentForm(
        {"gov_1": "brilliant", "gov_2": "mostly"}, statements=statements
    )
    assert not form.is_valid()
    assert "gov_1" in form.errors
    assert form["gov_2"].value() == "mostly"


def test_unknown_sector_is_refused(statements):
    form = SelfAssessmentForm(
        {"gov_1": "mostly", "sector": "education"}, statements=statements
    )
    assert form.errors["sector"] == ["Select your sector from the list"]


def test_sections_group_statements_by_domain_in_order(statements):
    gov = DomainDescriptionFactory(domain=Domain.GOVERNANCE_LEADERSHIP, number=1)
    pol = DomainDescriptionFactory(domain=Domain.POLICY_PROCEDURE, number=2)
    env = DomainDescriptionFactory(domain=Domain.PHYSICAL_ENVIRONMENT, number=3)
    sections = SelfAssessmentForm(statements=statements).sections([gov, pol, env])
    assert [(d.domain, [f.name for f in fields]) for d, fields in sections] == [
        (Domain.GOVERNANCE_LEADERSHIP, ["gov_1", "gov_2"]),
        (Domain.POLICY_PROCEDURE, ["pol_1"]),
    ]
