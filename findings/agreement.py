"""The agreement picture: every agreement statement of a snapshot, side by side.

Pure functions over a published snapshot. They read only its published counts
and percentages; the one figure they add, the share agreeing, is the sum of
two published counts ("agree" and "strongly agree") over the published base,
so it reveals nothing the tables do not (a hidden part leaves it unpublished).
"""

from findings.charts import cell_text
from findings.disclosure import percent
from findings.diverging import diverging_chart
from findings.release import OTHER_STATEMENTS, SECTIONS

SCALE = ["strongly_disagree", "disagree", "neither", "agree", "strongly_agree"]
SIDE = ["dont_know", "not_applicable", "not_answered"]
AGREEING = ("agree", "strongly_agree")
# The picture groups statements by section: the 4 Rs and the six principles
# first, then any other section that asks an agreement question.
GROUPS = [(code, title) for code, title, _ in SECTIONS] + [OTHER_STATEMENTS]
NAMES = {
    "strongly_disagree": "Strongly disagree",
    "disagree": "Disagree",
    "neither": "Neither agree nor disagree",
    "agree": "Agree",
    "strongly_agree": "Strongly agree",
    "dont_know": "Don't know",
    "not_applicable": "Not applicable to my role",
    "not_answered": "Not answered or not asked",
}


def option_of(row: dict) -> str:
    """The answer code of a table row (its figure key ends with it)."""
    return row["figure"].rsplit(":", 1)[1]


def share_agreeing(table: dict) -> dict | None:
    """Agree plus strongly agree, over the table's base; None if not a scale."""
    rows = {option_of(row): row for row in table["rows"]}
    parts = [rows.get(option) for option in AGREEING]
    if any(part is None for part in parts):
        return None
    base = table["base"]
    if any(part["count"] is None for part in parts):
        return {"count": None, "percent": None, "base": base, "status": "hidden"}
    count = sum(part["count"] for part in parts)
    return {
        "count": count,
        "percent": percent(count, base),
        "base": base,
        "status": "shown",
    }


def statements(snapshot: dict) -> list[dict]:
    """Each agreement statement with its group, its cells and its share agreeing."""
    titles = dict(GROUPS)
    found = []
    for group, _ in GROUPS:
        for table in snapshot.get("tables", []):
            if table["section"] != group or table.get("type") != "agreement":
                continue
            cells = {option_of(row): row for row in table["rows"]}
            found.append(
                {
                    "group": titles[group],
                    "code": table["code"],
                    "label": table["title"],
                    "table": table,
                    "cells": cells,
                    "agreeing": share_agreeing(table),
                }
            )
    return found


def columns(found: list[dict]) -> list[str]:
    """The answers the picture shows: the scale, then the side answers any has."""
    side = [code for code in SIDE if any(code in s["cells"] for s in found)]
    return [*SCALE, *side]


def picture(snapshot: dict) -> dict | None:
    """The chart and its table rows, or None when the release has no statement."""
    found = statements(snapshot)
    if not found:
        return None
    codes = columns(found)
    names = [NAMES[code] for code in codes]
    groups: dict[str, list] = {}
    table_rows = []
    for statement in found:
        cells = [statement["cells"].get(code) for code in codes]
        base = statement["table"]["base"]
        base_text = f"base {base:,}" if base is not None else "base not shown"
        groups.setdefault(statement["group"], []).append(
            (
                statement["label"],
                base_text,
                [None if c is None else c["percent"] for c in cells],
                ["not asked" if c is None else cell_text(c) for c in cells],
            )
        )
        table_rows.append(
            {
                "group": statement["group"],
                "label": statement["label"],
                "code": statement["code"],
                "cells": ["" if c is None else cell_text(c) for c in cells],
                "rows": [c for c in cells if c is not None],
                "agreeing": statement["agreeing"],
                "base": base,
            }
        )
    chart = diverging_chart(list(groups.items()), names, scale=len(SCALE))
    return {"chart": chart, "names": names, "codes": codes, "rows": table_rows}
