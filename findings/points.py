"""Main points: the analyst's sentences, each with one figure from the snapshot.

A point names its figure by reference (``agreeing:<question>`` or
``q:<question>:<answer>``); the value put in is the snapshot's published,
suppressed percentage, never a number anyone typed.
"""

from findings.agreement import share_agreeing
from findings.models import FindingsMainPoint
from findings.release import QuestionSpec

DEMO_PREFIX = "Demo data: "


def figure_choices(questions: dict[str, QuestionSpec]) -> list[tuple[str, str]]:
    """The figures a main point may carry, for the admin's list."""
    choices = [("", "No figure")]
    for question in questions.values():
        if question.type == "agreement":
            choices.append((f"agreeing:{question.code}", f"Agreeing: {question.text}"))
        for option, label in question.options:
            choices.append((f"q:{question.code}:{option}", f"{question.text}: {label}"))
    return choices


def figure_value(snapshot: dict, reference: str) -> dict | None:
    """The published figure a reference names, or None if the release lacks it."""
    if reference.startswith("agreeing:"):
        key = f"q:{reference.removeprefix('agreeing:')}"
        table = next((t for t in snapshot["tables"] if t["key"] == key), None)
        return share_agreeing(table) if table else None
    for table in snapshot["tables"]:
        for row in table["rows"]:
            if row["figure"] == reference:
                return {
                    "count": row["count"],
                    "percent": row["percent"],
                    "base": table["base"],
                    "status": row["status"],
                }
    return None


def points_render(snapshot: dict, points: list[FindingsMainPoint]) -> list[dict]:
    """Each point's sentence with its figure put in; a problem where it cannot be."""
    rendered = []
    for point in points[: FindingsMainPoint.MAX_PER_RELEASE]:
        figure = figure_value(snapshot, point.figure) if point.figure else None
        problem = ""
        text = point.text
        if point.figure:
            if figure is None:
                problem = "names a figure this wave did not ask for"
            elif figure["percent"] is None:
                problem = "names a figure that is not published (too few answers)"
            value = "[figure not published]" if problem else f"{figure['percent']}%"
            text = text.replace(FindingsMainPoint.PLACEHOLDER, value)
        if snapshot.get("is_demo"):
            text = DEMO_PREFIX + text
        rendered.append(
            {
                "text": text,
                "reference": point.figure,
                "figure": figure,
                "problem": problem,
            }
        )
    return rendered
