"""The phases timeline on /roadmap/: positions for an inline SVG, from the data.

No source gives the phases' dates, so the phases are drawn as equal steps and
each milestone sits within its phase in order, one marker for milestones dated
in the same words; "today" goes after the last milestone whose words can mean a
day before today.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

WIDTH, LEFT, RIGHT = 960, 20, 20
LABEL_TOP, LABEL_STEP = 148, 24
# Rows of labels: neighbouring markers within a phase never share one.
LABEL_ROWS = 4
HEIGHT = LABEL_TOP + LABEL_STEP * (LABEL_ROWS - 1) + 24
EDGE = 130
MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
WHEN = re.compile(
    r"^(?:By )?(?:(?P<part>Early|Mid|Late) )?(?:(?P<day>\d{1,2}) )?"
    r"(?:(?P<month>[A-Z][a-z]+) )?(?P<year>\d{4})$"
)


def milestone_first_day(when: str) -> datetime.date | None:
    """The first day a milestone's words can mean, or None if they cannot be read.

    "By 2 December 2025" (reported by then, on a day not given) reads as the day
    it names: the last it can mean, and the first the report can be relied on.
    """
    match = WHEN.match(when.strip())
    if match is None or (match["month"] and match["month"] not in MONTHS):
        return None
    year = int(match["year"])
    part = (match["part"] or "").lower()
    if match["month"] is None:
        return datetime.date(year, {"early": 1, "mid": 5, "late": 9}.get(part, 1), 1)
    day = int(match["day"]) if match["day"] else {"mid": 11, "late": 21}.get(part, 1)
    return datetime.date(year, MONTHS[match["month"]], day)


@dataclass(frozen=True)
class Marker:
    """One milestone on the line, or several dated in the same words."""

    x: int
    milestone: object
    milestones: tuple
    # Rows of labels, so neighbouring labels never overlap.
    label_y: int
    # Labels near the right edge end at their marker rather than centre on it.
    anchor: str


@dataclass(frozen=True)
class Step:
    """One phase: its span on the line and its milestones."""

    x: int
    width: int
    phase: object
    markers: list


def timeline(phases, today: datetime.date) -> dict:
    """Steps, markers and the x of "today", for phases with milestones prefetched."""
    phases = list(phases)
    if not phases:
        return {"steps": [], "today_x": None, "width": WIDTH, "height": HEIGHT}
    span = (WIDTH - LEFT - RIGHT) // len(phases)
    steps, today_x = [], LEFT
    for index, phase in enumerate(phases):
        x = LEFT + index * span
        dated: dict[str, list] = {}
        for milestone in phase.milestones.all():
            dated.setdefault(milestone.when, []).append(milestone)
        gap = span // (len(dated) + 1)
        markers = [
            Marker(
                x + gap * (n + 1),
                group[0],
                tuple(group),
                LABEL_TOP + LABEL_STEP * (n % LABEL_ROWS),
                "end" if x + gap * (n + 1) > WIDTH - EDGE else "middle",
            )
            for n, group in enumerate(dated.values())
        ]
        for marker in markers:
            first = milestone_first_day(marker.milestone.when)
            if first is not None and first <= today:
                today_x = marker.x + gap // 2
        steps.append(Step(x, span, phase, markers))
    return {"steps": steps, "today_x": today_x, "width": WIDTH, "height": HEIGHT}
