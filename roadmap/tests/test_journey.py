"""Putting the framework together and choosing case studies for each cell."""

import pytest

from casestudies.tests.factories import CaseStudyFactory
from roadmap.journey import (
    COMPARISON_MINIMUM,
    assessment_results,
    framework,
    matching_case_studies,
    published_case_studies,
    sector_comparison,
)
from roadmap.scoring import StageReached
from roadmap.tests.factories import (
    ActionFactory,
    DomainStageFactory,
    SelfAssessmentFactory,
    StatementFactory,
    full_framework,
)
from vocabulary.choices import Domain, Sector, Stage

pytestmark = pytest.mark.django_db

GOV = Domain.GOVERNANCE_LEADERSHIP


def _cell():
    return DomainStageFactory.build(
        domain=GOV,
        stage=Stage.AWARE,
        rs=["realise", "respond"],
        principles=["trust"],
        components=["leadership_role"],
    )


def test_case_study_must_share_the_domain():
    other_domain = CaseStudyFactory.build(
        domains=[Domain.POLICY_PROCEDURE], rs=["realise"]
    )
    assert matching_case_studies(_cell(), [other_domain]) == []


def test_case_study_must_share_a_tag_beyond_the_domain():
    only_domain = CaseStudyFactory.build(
        domains=[GOV], rs=["resist"], principles=["choice"], components=[]
    )
    assert matching_case_studies(_cell(), [only_domain]) == []


def test_case_studies_are_ordered_by_shared_tags_then_title():
    one = CaseStudyFactory.build(
        title="B one", domains=[GOV], rs=["realise"], principles=[]
    )
    three = CaseStudyFactory.build(
        title="C three",
        domains=[GOV],
        rs=["realise", "respond"],
        principles=["trust"],
    )
    also_one = CaseStudyFactory.build(
        title="A one", domains=[GOV], rs=["respond"], principles=[]
    )
    result = matching_case_studies(_cell(), [one, three, also_one])
    assert [c.title for c in result] == ["C three", "A one", "B one"]


def test_at_most_three_case_studies_per_cell():
    many = [CaseStudyFactory.build(domains=[GOV], rs=["realise"]) for _ in range(5)]
    assert len(matching_case_studies(_cell(), many)) == 3


def test_sector_filter_keeps_own_and_cross_sector_case_studies():
    police = CaseStudyFactory.build(
        title="Police", domains=[GOV], sectors=[Sector.POLICING]
    )
    nhs = CaseStudyFactory.build(title="NHS", domains=[GOV], sectors=[Sector.NHS])
    system = CaseStudyFactory.build(
        title="System", domains=[GOV], sectors=[Sector.CROSS_SECTOR]
    )
    cases = [police, nhs, system]
    met = matching_case_studies(_cell(), cases, sector=Sector.MET_POLICE)
    assert {c.title for c in met} == {"Police", "System"}
    assert {
        c.title for c in matching_case_studies(_cell(), cases, sector=Sector.NHS)
    } == {
        "NHS",
        "System",
    }


def test_published_case_studies_leaves_out_drafts():
    CaseStudyFactory(title="Published")
    CaseStudyFactory(title="Draft", draft=True)
    assert [c.title for c in published_case_studies()] == ["Published"]


def test_framework_filters_actions_by_sector(django_assert_max_num_queries):
    full_framework()
    cell = DomainStageFactory(domain=GOV, stage=Stage.AWARE)
    ActionFactory(domain_stage=cell, text="For the Met", sectors=[Sector.MET_POLICE])
    ActionFactory(domain_stage=cell, text="For the NHS", sectors=[Sector.NHS])
    with django_assert_max_num_queries(4):
        domains = framework(sector=Sector.MET_POLICE)
    texts = [a.text for a in domains[0].cell_for(Stage.AWARE).actions]
    assert "For the Met" in texts
    assert "For the NHS" not in texts
    assert len(texts) == 2
    every = framework()[0].cell_for(Stage.AWARE).actions
    assert {"For the Met", "For the NHS"} <= {a.text for a in every}


def test_framework_for_one_domain_and_missing_cells():
    full_framework()
    DomainStageFactory._meta.model.objects.filter(
        domain=GOV, stage=Stage.RESPONSIVE
    ).delete()
    (only,) = framework(domain=GOV)
    assert only.domain.domain == GOV
    assert [c.stage.stage for c in only.cells] == Stage.values
    assert only.cell_for(Stage.RESPONSIVE).cell is None
    assert only.cell_for("nonsense") is None


def test_assessment_results_give_next_steps_for_the_stage_reached():
    full_framework()
    statement = StatementFactory(code="gov_1", domain=GOV, stage=Stage.AWARE)
    assessment = SelfAssessmentFactory(
        answers={"gov_1": "mostly"},
        profile={**dict.fromkeys(Domain.values, "starting_out"), GOV: "aware"},
    )
    results = assessment_results(assessment, statements=[statement])
    assert len(results) == len(Domain)
    governance = next(r for r in results if r.domain.domain.domain == GOV)
    assert governance.reached == StageReached.AWARE
    assert governance.next_steps.stage.stage == Stage.AWARE
    assert governance.answers == [(statement, "Mostly")]
    other = next(r for r in results if r.domain.domain.domain != GOV)
    assert other.reached == StageReached.STARTING_OUT
    assert other.next_steps.stage.stage == Stage.AWARE
    assert other.answers == []


def test_sector_comparison_needs_the_minimum_of_other_results_in_the_sector():
    full_framework()
    assessment = SelfAssessmentFactory(sector=Sector.NHS)
    SelfAssessmentFactory.create_batch(COMPARISON_MINIMUM - 1, sector=Sector.NHS)
    SelfAssessmentFactory.create_batch(3, sector=Sector.VCS)
    results = assessment_results(assessment, statements=[])
    assert sector_comparison(assessment, results) is None
    SelfAssessmentFactory(sector=Sector.NHS)
    comparison = sector_comparison(assessment, results)
    assert comparison["total"] == COMPARISON_MINIMUM
    first = comparison["rows"][0]["cells"][0]
    assert first == {
        "reached": StageReached.STARTING_OUT,
        "count": COMPARISON_MINIMUM,
        "percent": 100,
        "yours": True,
    }


def test_no_sector_comparison_without_a_sector():
    SelfAssessmentFactory.create_batch(COMPARISON_MINIMUM + 2)
    assessment = SelfAssessmentFactory()
    assert sector_comparison(assessment, []) is None
