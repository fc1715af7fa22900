"""Behaviour of the roadmap's models and querysets."""

import datetime
from unittest import mock

import pytest
from django.db import IntegrityError

from roadmap.models import (
    PhaseStatus,
    ReportedStatus,
    RoadmapText,
    SelfAssessment,
    TextKey,
)
from roadmap.scoring import StageReached
from roadmap.tests.factories import (
    ActionFactory,
    DomainStageFactory,
    PhaseFactory,
    PhaseLinkFactory,
    SelfAssessmentFactory,
)
from throttling.tokens import token_hash, token_new
from vocabulary.choices import Domain, Sector
from vocabulary.time import london_today

pytestmark = pytest.mark.django_db

START = datetime.date(2025, 2, 1)
END = datetime.date(2025, 5, 31)


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (datetime.date(2025, 1, 31), PhaseStatus.NEXT),
        (START, PhaseStatus.IN_PROGRESS),
        (datetime.date(2025, 3, 15), PhaseStatus.IN_PROGRESS),
        (END, PhaseStatus.IN_PROGRESS),
        (datetime.date(2025, 6, 1), PhaseStatus.DONE),
    ],
)
def test_phase_status_follows_its_inclusive_dates(today, status):
    phase = PhaseFactory.build(starts_on=START, ends_on=END)
    assert phase.status(today) == status


def test_london_today_uses_london_time_not_utc(settings):
    settings.TIME_ZONE = "UTC"
    # 23:30 UTC on 31 May 2025 is already 1 June in London (BST).
    moment = datetime.datetime(2025, 5, 31, 23, 30, tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        assert london_today() == datetime.date(2025, 6, 1)


def test_phase_without_dates_shows_the_status_a_source_reports():
    phase = PhaseFactory.build(
        starts_on=None, ends_on=None, reported_status=ReportedStatus.UNDER_WAY
    )
    assert phase.status(datetime.date(2026, 12, 7)) == PhaseStatus.UNDER_WAY
    phase.reported_status = ReportedStatus.NOT_PUBLISHED
    assert phase.status(datetime.date(2026, 12, 7)).label == "Status not published"


def test_a_reported_status_needs_the_source_that_reports_it():
    with pytest.raises(IntegrityError, match="roadmap_phase_status_has_source"):
        PhaseFactory(reported_status=ReportedStatus.REPORTED_DONE, status_source=None)


def test_status_not_published_needs_no_source():
    phase = PhaseFactory(reported_status=ReportedStatus.NOT_PUBLISHED)
    assert phase.status_source is None


def test_phase_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError, match="roadmap_phase_ends_after_start"):
        PhaseFactory(starts_on=END, ends_on=START)


def test_phase_link_reverses_its_target():
    link = PhaseLinkFactory(target="roadmap:journey")
    assert link.url == "/roadmap/journey/"


def test_phase_link_to_a_missing_page_has_no_url():
    link = PhaseLinkFactory.build(target="nowhere:at_all")
    assert link.url == ""


def test_phase_link_can_point_to_a_published_report():
    link = PhaseLinkFactory(target="", external_url="https://www.london.gov.uk/report")
    assert link.url == "https://www.london.gov.uk/report"


@pytest.mark.parametrize(
    ("target", "external_url"),
    [("", ""), ("roadmap:journey", "https://www.london.gov.uk/report")],
)
def test_phase_link_needs_exactly_one_destination(target, external_url):
    with pytest.raises(IntegrityError, match="roadmap_phaselink_one_destination"):
        PhaseLinkFactory(target=target, external_url=external_url)


def test_action_for_everyone_applies_to_every_sector():
    action = ActionFactory.build(sectors=[])
    assert action.applies_to(Sector.NHS)
    assert action.applies_to("")


def test_sector_action_applies_only_to_its_sector_or_to_all():
    action = ActionFactory.build(sectors=[Sector.MET_POLICE])
    assert action.applies_to(Sector.MET_POLICE)
    assert not action.applies_to(Sector.NHS)
    assert action.applies_to("")
    assert action.sector_labels() == ["Metropolitan Police"]


def test_one_cell_per_domain_and_stage():
    DomainStageFactory(domain=Domain.POLICY_PROCEDURE, stage="aware")
    with pytest.raises(IntegrityError, match="roadmap_domainstage_unique"):
        DomainStageFactory._meta.model.objects.create(
            domain=Domain.POLICY_PROCEDURE, stage="aware", looks_like="Again"
        )


def test_texts_returns_every_key_even_when_missing():
    RoadmapText.objects.create(key=TextKey.ROADMAP_INTRO, text="Hello")
    texts = RoadmapText.texts()
    assert texts["roadmap_intro"] == "Hello"
    assert texts["journey_intro"] == ""
    assert set(texts) == set(TextKey.values)


def test_result_is_found_by_its_token_and_not_by_its_digest():
    assessment = SelfAssessmentFactory(token_digest=token_hash("secret-token"))
    assert SelfAssessment.objects.for_token("secret-token").get() == assessment
    assert not SelfAssessment.objects.for_token(assessment.token_digest).exists()


def test_database_refuses_a_token_stored_in_clear():
    with pytest.raises(
        IntegrityError, match="roadmap_selfassessment_token_digest_is_sha256"
    ):
        SelfAssessmentFactory(token_digest="not-a-digest")


def test_database_refuses_a_sector_outside_the_roadmap():
    with pytest.raises(IntegrityError, match="roadmap_selfassessment_sector_valid"):
        SelfAssessmentFactory(sector=Sector.EDUCATION)


def test_new_tokens_are_long_and_different():
    tokens = {token_new() for _ in range(50)}
    assert len(tokens) == 50
    assert all(len(token) >= 43 for token in tokens)


def test_stage_counts_counts_each_stage_in_each_domain(django_assert_num_queries):
    gov = Domain.GOVERNANCE_LEADERSHIP
    base = dict.fromkeys(Domain.values, "starting_out")
    SelfAssessmentFactory.create_batch(3, profile={**base, gov: "informed"})
    SelfAssessmentFactory(profile={**base, gov: "responsive"})
    with django_assert_num_queries(1):
        total, counts = SelfAssessment.objects.stage_counts()
    assert total == 4
    assert counts[gov] == {
        StageReached.STARTING_OUT: 0,
        StageReached.AWARE: 0,
        StageReached.INFORMED: 3,
        StageReached.RESPONSIVE: 1,
    }
    assert counts[Domain.POLICY_PROCEDURE][StageReached.STARTING_OUT] == 4


def test_stage_counts_of_nothing_is_zero():
    total, counts = SelfAssessment.objects.none().stage_counts()
    assert total == 0
    assert counts[Domain.WORKFORCE][StageReached.AWARE] == 0


def test_stage_counts_follow_the_filter_and_ignore_unknown_codes():
    gov = Domain.GOVERNANCE_LEADERSHIP
    base = dict.fromkeys(Domain.values, "aware")
    mine = SelfAssessmentFactory(sector=Sector.NHS, profile=base)
    SelfAssessmentFactory.create_batch(2, sector=Sector.NHS, profile=base)
    SelfAssessmentFactory(sector=Sector.VCS, profile={**base, gov: "responsive"})
    SelfAssessmentFactory(sector=Sector.NHS, profile={gov: "no_such", "old": "aware"})
    total, counts = (
        SelfAssessment.objects.filter(sector=Sector.NHS)
        .exclude(pk=mine.pk)
        .stage_counts()
    )
    assert total == 3
    assert counts[gov] == {
        StageReached.STARTING_OUT: 0,
        StageReached.AWARE: 2,
        StageReached.INFORMED: 0,
        StageReached.RESPONSIVE: 0,
    }
    assert "old" not in counts
