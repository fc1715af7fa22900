"""Themes linked to a code: how many respondents, and by sector, through the
release's own disclosure control.

A theme's figures are respondents whose agreed coding (coding/agreed.py)
holds the code or one of its children. They join the release's other figures
before suppression, as a sector-by-(coded, not coded) table whose margins are
the published sector counts, so no count from 1 to 9 is shown or can be
worked out by subtraction. The theme's text stays the analyst's own words:
no answer is ever quoted.
"""

from coding.agreed import code_counts_by_sector
from findings.release import (
    NOT_ANSWERED,
    OTHER_SECTOR,
    SECTOR_LABELS,
    SECTORS,
    Draft,
    _cell,
    _sector_of,
)
from findings.tally import NO_SECTOR
from survey.exports.cells import cell_from_text

SECTOR_ORDER = [*SECTORS, OTHER_SECTOR, NOT_ANSWERED]


def theme_add(draft: Draft, index: int, by_sector: dict[str, int]) -> dict:
    """Add one theme's figures and their relations to ``draft``; return its keys."""
    counts: dict[str, int] = {}
    for sector, count in by_sector.items():
        key = _sector_of(sector or NO_SECTOR)
        counts[key] = counts.get(key, 0) + count
    tag = f"theme:{index}"
    total = draft.figures["n"]
    yes = draft.add(f"{tag}:yes", sum(counts.values()))
    no = draft.add(f"{tag}:no", total - draft.figures[yes])
    draft.relate("n", [yes, no])
    rows, yes_parts, no_parts = [], [], []
    for sector in SECTOR_ORDER:
        base = f"sector:{sector}"
        sector_yes = draft.add(f"{tag}:{sector}:yes", counts.get(sector, 0))
        sector_no = draft.add(
            f"{tag}:{sector}:no", draft.figures[base] - counts.get(sector, 0)
        )
        draft.relate(base, [sector_yes, sector_no])
        yes_parts.append(sector_yes)
        no_parts.append(sector_no)
        rows.append({"sector": sector, "figure": sector_yes, "base": base})
    draft.relate(yes, yes_parts)
    draft.relate(no, no_parts)
    return {"overall": yes, "rows": rows}


def theme_resolve(draft: Draft, hidden: frozenset[str], keys: dict) -> dict:
    """The published figures of one theme: shown counts only."""
    return {
        "overall": _cell(draft, hidden, keys["overall"], "n"),
        "rows": [
            {
                "sector": row["sector"],
                "label": SECTOR_LABELS[row["sector"]],
                **_cell(draft, hidden, row["figure"], row["base"]),
            }
            for row in keys["rows"]
        ],
    }


def themes_add(draft: Draft, themes) -> list[dict | None]:
    """Add every coded theme's figures; None for a theme linked to no code."""
    return [
        theme_add(draft, index, code_counts_by_sector(theme.code))
        if theme.code_id
        else None
        for index, theme in enumerate(themes)
    ]


def theme_csv_rows(snapshot: dict, cell_text) -> list[list]:
    """The coded themes' published figures as rows of the release CSV.

    ``cell_text`` says why a count is not shown; headings are the analyst's
    words, made safe to open in a spreadsheet.
    """
    rows = []
    for theme in snapshot.get("themes", []):
        figures = theme.get("figures")
        if not figures:
            continue
        table = cell_from_text(f"Respondents who wrote about: {theme['heading']}")
        cells = [("All sectors", figures["overall"])] + [
            (row["label"], row) for row in figures["rows"]
        ]
        for label, cell in cells:
            rows.append(
                [
                    "Themes from the written answers",
                    table,
                    "",
                    label,
                    cell["count"] if cell["count"] is not None else cell_text(cell),
                    "" if cell["percent"] is None else cell["percent"],
                    "",
                    "",
                ]
            )
    return rows
