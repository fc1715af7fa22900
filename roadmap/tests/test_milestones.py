"""Milestones are planned or reported, each with its source; no phase dates invented."""

import datetime

import pytest

from roadmap.models import Milestone, MilestoneStatus, Phase, PhaseStatus
from roadmap.services import roadmap_content_read
from roadmap.timeline import milestone_first_day, timeline

pytestmark = pytest.mark.django_db


def test_the_content_file_gives_no_phase_dates_and_cites_every_milestone():
    for phase in roadmap_content_read()["phases"]:
        assert "starts_on" not in phase
        assert "ends_on" not in phase
        assert phase["sources"], phase["code"]
        for milestone in phase["milestones"]:
            assert milestone["status"] in MilestoneStatus.values
            assert milestone["source"]


def test_only_the_launch_is_reported_as_done(content):
    reported = Milestone.objects.filter(status=MilestoneStatus.REPORTED)
    assert [(m.when, m.source.code) for m in reported] == [
        ("2 December 2025", "dartington-blog-2025-12-02")
    ]
    statuses = {
        p.code: p.status(datetime.date(2026, 1, 1)) for p in Phase.objects.all()
    }
    assert statuses["roadmap"] == PhaseStatus.PARTLY_REPORTED
    assert statuses["landscape"] == PhaseStatus.PLANNED


def test_today_sits_after_the_milestones_before_it(content):
    phases = Phase.objects.prefetch_related("milestones")
    early = timeline(phases, datetime.date(2024, 1, 1))["today_x"]
    late = timeline(phases, datetime.date(2026, 1, 1))["today_x"]
    assert early < late


def test_milestone_words_are_read_as_their_first_day():
    assert milestone_first_day("Late 2024") == datetime.date(2024, 9, 1)
    assert milestone_first_day("10 January 2025") == datetime.date(2025, 1, 10)
    assert milestone_first_day("Late August 2025") == datetime.date(2025, 8, 21)
    assert milestone_first_day("Soon") is None
