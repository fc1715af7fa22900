"""Milestones are planned or reported, each with its source; no phase dates invented."""

import datetime

import pytest
from django.utils.html import escape

from roadmap.models import (
    Milestone,
    MilestoneStatus,
    Phase,
    PhaseStatus,
    ReportedStatus,
)
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


def test_only_what_the_blog_reports_is_reported_and_never_dated_to_its_day(content):
    reported = Milestone.objects.filter(status=MilestoneStatus.REPORTED)
    assert {(m.when, m.source.code) for m in reported} == {
        ("By 2 December 2025", "dartington-blog-2025-12-02")
    }
    assert not Milestone.objects.filter(when="2 December 2025").exists()


def test_no_phase_is_planned_where_a_source_reports_it_under_way_or_done(content):
    statuses = {
        p.code: p.status(datetime.date(2026, 12, 7)) for p in Phase.objects.all()
    }
    assert statuses == {
        "definition": PhaseStatus.REPORTED_DONE,
        "landscape": PhaseStatus.UNDER_WAY,
        "promising_practice": PhaseStatus.NOT_PUBLISHED,
        "roadmap": PhaseStatus.OUTPUTS_REPORTED,
    }
    for phase in Phase.objects.exclude(reported_status=ReportedStatus.NOT_PUBLISHED):
        assert phase.status_source is not None, phase.code
        assert phase.status_note, phase.code


def test_today_sits_after_the_milestones_before_it(content):
    phases = Phase.objects.prefetch_related("milestones")
    early = timeline(phases, datetime.date(2024, 1, 1))["today_x"]
    late = timeline(phases, datetime.date(2026, 1, 1))["today_x"]
    assert early < late


def test_milestone_words_are_read_as_their_first_day():
    assert milestone_first_day("Late 2024") == datetime.date(2024, 9, 1)
    assert milestone_first_day("10 January 2025") == datetime.date(2025, 1, 10)
    assert milestone_first_day("Late August 2025") == datetime.date(2025, 8, 21)
    assert milestone_first_day("By 2 December 2025") == datetime.date(2025, 12, 2)
    assert milestone_first_day("Soon") is None


def test_roadmap_draws_the_phases_timeline_with_today_and_a_text_equivalent(
    client, content
):
    html = client.get("/roadmap/").content.decode()
    svg = html.split('<svg class="til-timeline__svg"', 1)[1].split("</svg>", 1)[0]
    assert '<title id="timeline-svg-title">' in svg
    for number in range(1, 5):
        assert f">Phase {number}</text>" in svg
    assert ">Today</text>" in svg
    assert "(reported)</text>" in svg and "(planned)</text>" in svg
    text = html.split('class="govuk-list govuk-list--number til-timeline__text"')[1]
    text = text.split("</ol>", 1)[0]
    assert text.count("<li>") == Phase.objects.count()
    # Each reported milestone names the source that reports it.
    for reported in Milestone.objects.filter(status=MilestoneStatus.REPORTED):
        line = f"{reported.text} (reported, source: {reported.source.title})"
        assert escape(line) in text
