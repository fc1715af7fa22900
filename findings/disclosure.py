"""Disclosure control for published findings: pure functions, no database.

A release is a set of named counts (``figures``) and the additive relations
between them (``Relation``: a total and the parts that sum to it). A relation
is a published margin: anyone can subtract along it. Suppression hides:

1. primary: every count from 1 to THRESHOLD - 1 ("fewer than 10");
2. secondary: more counts, until nothing hidden from 1 to 9 can be worked out.
   A relation whose total is shown must not leave one hidden member alone,
   and the hidden parts must add up to 0 or at least THRESHOLD, so their sum
   (which subtraction gives away) is not a small group either. Across
   relations, no hidden count from 1 to 9 may be fixed by the relations taken
   together (exact linear algebra over the hidden counts).

The same figure may sit in several relations (a sector's respondents are a
row total of every sector table and a part of the headline), so one
suppression decision covers every table it appears in.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

THRESHOLD = 10


@dataclass(frozen=True)
class Relation:
    """``total`` is the sum of ``parts``: a margin someone can subtract along."""

    total: str
    parts: tuple[str, ...]

    @property
    def members(self) -> tuple[str, ...]:
        """The total, then the parts."""
        return (self.total, *self.parts)


def is_small(value: int) -> bool:
    """True for a count that may never be published: 1 to THRESHOLD - 1."""
    return 1 <= value < THRESHOLD


def percent(count: int | None, base: int | None) -> int | None:
    """A whole-number percentage, only of a shown count over a base of 10 or more."""
    if count is None or base is None or base < THRESHOLD:
        return None
    return int(Fraction(100 * count, base) + Fraction(1, 2))


@dataclass(frozen=True)
class Problem:
    """Why the hidden set is not yet safe, and where."""

    reason: str
    relation: Relation | None = None
    figure: str = ""


def _line_problem(
    relation: Relation, figures: Mapping[str, int], hidden: set[str]
) -> Problem | None:
    hidden_members = [key for key in relation.members if key in hidden]
    if not hidden_members:
        return None
    if len(hidden_members) == 1 and figures[hidden_members[0]] != 0:
        return Problem("lone hidden count", relation, hidden_members[0])
    if relation.total not in hidden:
        remainder = sum(figures[key] for key in hidden_members)
        if is_small(remainder):
            return Problem("hidden counts add up to fewer than 10", relation)
        pinned = _pinned_by_bounds(remainder, [figures[k] for k in hidden_members])
        if pinned:
            return Problem("pinned by 'fewer than 10'", relation)
    return None


def _pinned_by_bounds(remainder: int, values: list[int]) -> bool:
    """True if the published bounds fix a small hidden count.

    A count shown as "fewer than 10" is known to lie between 1 and 9; any
    other hidden count only to be at least 0. Two counts of 9 hidden in a line
    whose hidden remainder is 18, for example, are both 9.
    """
    bounds = [(1, THRESHOLD - 1) if is_small(v) else (0, None) for v in values]
    for index, value in enumerate(values):
        if not is_small(value):
            continue
        others = bounds[:index] + bounds[index + 1 :]
        if any(high is None for _, high in others):
            continue
        low = max(1, remainder - sum(high for _, high in others))
        high = min(THRESHOLD - 1, remainder - sum(low for low, _ in others))
        if low >= high:
            return True
    return False


def _components(
    relations: Sequence[Relation], hidden: set[str]
) -> list[list[Relation]]:
    """Relations grouped by shared hidden figures, so each system is solved alone.

    A shown figure is a constant in every equation, so it joins nothing.
    """
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    groups: dict[str, list[Relation]] = {}
    unknown = [(r, [k for k in r.members if k in hidden]) for r in relations]
    for _, keys in unknown:
        for key in keys[1:]:
            parent[find(key)] = find(keys[0])
    for relation, keys in unknown:
        if keys:
            groups.setdefault(find(keys[0]), []).append(relation)
    return list(groups.values())


def determined(relations: Sequence[Relation], hidden: set[str]) -> set[str]:
    """Hidden figures whose value the relations fix exactly (ignoring bounds).

    Each relation is an equation over the hidden figures; a figure is fixed
    when its row in the reduced row echelon form is a unit vector.
    """
    fixed: set[str] = set()
    for group in _components(relations, hidden):
        unknowns = sorted({k for r in group for k in r.members if k in hidden})
        if not unknowns:
            continue
        column = {key: i for i, key in enumerate(unknowns)}
        rows = []
        for relation in group:
            row = [Fraction(0)] * len(unknowns)
            for key, sign in [(relation.total, 1), *((p, -1) for p in relation.parts)]:
                if key in column:
                    row[column[key]] += sign
            if any(row):
                rows.append(row)
        for index in _unit_pivots(rows, len(unknowns)):
            fixed.add(unknowns[index])
    return fixed


def _unit_pivots(rows: list[list[Fraction]], width: int) -> list[int]:
    """Columns whose reduced row is a unit vector (the variable is determined)."""
    pivot_row = 0
    pivots: list[tuple[int, int]] = []
    for col in range(width):
        found = next((r for r in range(pivot_row, len(rows)) if rows[r][col]), None)
        if found is None:
            continue
        rows[pivot_row], rows[found] = rows[found], rows[pivot_row]
        lead = rows[pivot_row][col]
        rows[pivot_row] = [value / lead for value in rows[pivot_row]]
        for r in range(len(rows)):
            if r != pivot_row and rows[r][col]:
                factor = rows[r][col]
                rows[r] = [
                    a - factor * b
                    for a, b in zip(rows[r], rows[pivot_row], strict=True)
                ]
        pivots.append((pivot_row, col))
        pivot_row += 1
    return [
        col
        for row, col in pivots
        if all(value == 0 for i, value in enumerate(rows[row]) if i != col)
    ]


def problems(
    figures: Mapping[str, int], relations: Sequence[Relation], hidden: set[str]
) -> list[Problem]:
    """Everything that would let a count from 1 to 9 be worked out."""
    found = [
        Problem("small count shown", figure=key)
        for key, value in figures.items()
        if is_small(value) and key not in hidden
    ]
    found += [
        problem
        for relation in relations
        if (problem := _line_problem(relation, figures, hidden)) is not None
    ]
    if not found:
        found += [
            Problem("fixed by the margins together", figure=key)
            for key in sorted(determined(relations, hidden))
            if is_small(figures[key])
        ]
    return found


def _next_to_hide(
    problem: Problem,
    figures: Mapping[str, int],
    relations: Sequence[Relation],
    hidden: set[str],
) -> str:
    """The shown count to hide next: the smallest non-zero part that helps."""
    if problem.relation is None and problem.figure not in hidden:
        return problem.figure
    candidates: list[Relation] = (
        [problem.relation]
        if problem.relation is not None
        else [r for r in relations if problem.figure in r.members]
    )

    def rank(key: str, relation: Relation) -> tuple:
        # Non-zero parts first (hiding a zero changes no sum), then the total.
        value = figures[key]
        return (value == 0, key == relation.total, value, key)

    options = [
        (rank(key, relation), key)
        for relation in candidates
        for key in relation.members
        if key not in hidden
    ]
    if not options:
        # Fixed through a chain of relations: widen to every relation.
        options = [
            (rank(key, relation), key)
            for relation in relations
            for key in relation.members
            if key not in hidden
        ]
    return min(options)[1]


def suppress(
    figures: Mapping[str, int], relations: Iterable[Relation]
) -> frozenset[str]:
    """The figures to hide so that no count from 1 to 9 can be shown or derived."""
    relations = list(relations)
    for relation in relations:
        missing = [key for key in relation.members if key not in figures]
        if missing:
            raise KeyError(f"Relation refers to unknown figures: {missing}")
    hidden = {key for key, value in figures.items() if is_small(value)}
    while found := problems(figures, relations, hidden):
        hidden.add(_next_to_hide(found[0], figures, relations, hidden))
    return frozenset(hidden)
