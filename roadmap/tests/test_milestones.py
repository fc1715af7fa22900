"""Every milestone in the roadmap content falls within its phase's dates.

Milestones have no date field, only words ("Late 2025"), so the words are read
here as a period of days; a milestone falls within its phase when that period
shares at least one day with the phase's inclusive dates.
"""

import calendar
import datetime
import re

import pytest

from roadmap.models import Phase
from roadmap.services import roadmap_content_read

MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
# Parts of a year (by month) and of a month (by day) for "Early", "Mid", "Late".
YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
WHEN = re.compile(
    r"^(?:(?P<part>Early|Mid|Late) )?(?:(?P<day>\d{1,2}) )?"
    r"(?:(?P<month>[A-Z][a-z]+) )?(?P<year>\d{4})$"
)


def milestone_period(when: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day a milestone's words can mean."""
    match = WHEN.match(when.strip())
    if match is None:
        raise ValueError(f"Cannot read the milestone date {when!r}")
    year = int(match["year"])
    part = (match["part"] or "").lower()
    if match["month"] is None:
        first_month, last_month = YEAR_PARTS.get(part, (1, 12))
        last_day = calendar.monthrange(year, last_month)[1]
        return (
            datetime.date(year, first_month, 1),
            datetime.date(year, last_month, last_day),
        )
    month = MONTHS[match["month"]]
    month_end = calendar.monthrange(year, month)[1]
    if match["day"]:
        day = datetime.date(year, month, int(match["day"]))
        return day, day
    first_day, last_day = MONTH_PARTS.get(part, (1, month_end))
    return (
        datetime.date(year, month, first_day),
        datetime.date(year, month, min(last_day, month_end)),
    )


def _within(when: str, starts_on: datetime.date, ends_on: datetime.date) -> bool:
    first, last = milestone_period(when)
    return first <= ends_on and last >= starts_on


@pytest.mark.parametrize(
    ("when", "period"),
    [
        ("10 January 2025", ((2025, 1, 10), (2025, 1, 10))),
        ("July 2025", ((2025, 7, 1), (2025, 7, 31))),
        ("Late August 2025", ((2025, 8, 21), (2025, 8, 31))),
        ("Early February 2024", ((2024, 2, 1), (2024, 2, 10))),
        ("Late 2025", ((2025, 9, 1), (2025, 12, 31))),
        ("2026", ((2026, 1, 1), (2026, 12, 31))),
    ],
)
def test_milestone_words_are_read_as_a_period(when, period):
    assert milestone_period(when) == tuple(datetime.date(*d) for d in period)


def test_unreadable_milestone_words_are_an_error():
    with pytest.raises(ValueError, match="Cannot read"):
        milestone_period("Soon")


def test_a_late_milestone_after_the_phase_ends_is_outside_it():
    assert not _within(
        "Late 2025", datetime.date(2025, 6, 1), datetime.date(2025, 8, 29)
    )
    assert _within(
        "Late August 2025", datetime.date(2025, 6, 1), datetime.date(2025, 8, 29)
    )


def test_every_milestone_in_the_content_file_falls_within_its_phase():
    phases = roadmap_content_read()["phases"]
    assert any(phase.get("milestones") for phase in phases)
    for phase in phases:
        for milestone in phase.get("milestones") or []:
            assert _within(milestone["when"], phase["starts_on"], phase["ends_on"]), (
                phase["code"],
                milestone,
            )


def test_every_loaded_milestone_falls_within_its_phase(content):
    phases = Phase.objects.prefetch_related("milestones")
    milestones = [(p, m) for p in phases for m in p.milestones.all()]
    assert milestones
    for phase, milestone in milestones:
        assert _within(milestone.when, phase.starts_on, phase.ends_on), (
            phase,
            milestone,
        )


def test_website_launch_falls_in_the_roadmap_phase(content):
    phase = Phase.objects.get(code="roadmap")
    launch = phase.milestones.get(text="This website launches")
    assert _within(launch.when, phase.starts_on, phase.ends_on)
    assert phase.ends_on >= milestone_period(launch.when)[0]
