"""Disclosure control, without a database: primary and secondary suppression."""

from findings.disclosure import (
    THRESHOLD,
    Relation,
    determined,
    is_small,
    percent,
    problems,
    suppress,
)


def one_way(counts: dict[str, int]) -> tuple[dict[str, int], list[Relation]]:
    figures = {"total": sum(counts.values()), **counts}
    return figures, [Relation("total", tuple(counts))]


def test_counts_from_1_to_9_are_small_and_0_and_10_are_not():
    assert [v for v in range(0, 12) if is_small(v)] == list(range(1, THRESHOLD))


def test_a_table_with_no_small_count_hides_nothing():
    figures, relations = one_way({"a": 12, "b": 0, "c": 30})
    assert suppress(figures, relations) == frozenset()


def test_a_lone_small_count_forces_the_next_smallest_to_be_hidden_too():
    figures, relations = one_way({"a": 3, "b": 12, "c": 30, "d": 50})
    assert suppress(figures, relations) == {"a", "b"}


def test_the_next_smallest_hidden_skips_zeros_since_hiding_a_zero_protects_nothing():
    figures, relations = one_way({"a": 3, "z": 0, "b": 15, "c": 30})
    assert suppress(figures, relations) == {"a", "b"}


def test_two_small_counts_that_add_up_to_fewer_than_10_need_a_third():
    figures, relations = one_way({"a": 2, "b": 3, "c": 20, "d": 40})
    hidden = suppress(figures, relations)
    assert hidden == {"a", "b", "c"}


def test_two_nines_in_a_line_are_pinned_by_their_bounds_so_a_third_is_hidden():
    # Both "fewer than 10" and adding up to 18: each must be 9.
    figures, relations = one_way({"a": 9, "b": 9, "c": 20, "d": 40})
    assert suppress(figures, relations) == {"a", "b", "c"}


def test_a_small_total_is_hidden_with_every_small_cell():
    figures, relations = one_way({"a": 3, "b": 4, "c": 0})
    hidden = suppress(figures, relations)
    assert {"total", "a", "b"} <= hidden
    assert "c" not in hidden


def test_a_count_and_its_complement_are_hidden_together():
    figures = {"n": 40, "yes": 35, "no": 5}
    assert suppress(figures, [Relation("n", ("yes", "no"))]) == {"yes", "no"}


def test_two_way_table_hides_along_rows_and_columns():
    # Rows r1, r2, r3 by columns x, y with row and column totals.
    cells = {
        ("r1", "x"): 4,
        ("r1", "y"): 20,
        ("r2", "x"): 15,
        ("r2", "y"): 25,
        ("r3", "x"): 30,
        ("r3", "y"): 11,
    }
    figures = {f"{r}:{c}": v for (r, c), v in cells.items()}
    relations = []
    for row in ("r1", "r2", "r3"):
        figures[row] = sum(v for (r, _), v in cells.items() if r == row)
        relations.append(Relation(row, (f"{row}:x", f"{row}:y")))
    for col in ("x", "y"):
        figures[col] = sum(v for (_, c), v in cells.items() if c == col)
        relations.append(Relation(col, tuple(f"{r}:{col}" for r in ("r1", "r2", "r3"))))
    figures["n"] = sum(cells.values())
    relations.append(Relation("n", ("r1", "r2", "r3")))
    relations.append(Relation("n", ("x", "y")))
    hidden = suppress(figures, relations)
    assert "r1:x" in hidden
    # Its row and its column each hide a second count.
    assert "r1:y" in hidden
    assert hidden & {"r2:x", "r3:x"}
    assert not problems(figures, relations, set(hidden))
    assert not {k for k in determined(relations, set(hidden)) if is_small(figures[k])}


def test_a_hidden_count_fixed_through_a_chain_of_relations_is_found():
    # a is hidden with b in row 1, but b is the only hidden count of column 2.
    relations = [Relation("row1", ("a", "b")), Relation("col2", ("b", "c"))]
    hidden = {"a", "b"}
    assert determined(relations, hidden) == {"a", "b"}


def test_a_rectangle_of_hidden_counts_is_not_fixed_by_its_margins():
    relations = [
        Relation("r1", ("a", "b")),
        Relation("r2", ("c", "d")),
        Relation("c1", ("a", "c")),
        Relation("c2", ("b", "d")),
    ]
    assert determined(relations, {"a", "b", "c", "d"}) == set()


def test_a_figure_shared_by_two_tables_gets_one_decision():
    figures = {
        "n": 50,
        "s1": 3,
        "s2": 47,
        "s1:yes": 3,
        "s1:no": 0,
        "s2:yes": 20,
        "s2:no": 27,
    }
    relations = [
        Relation("n", ("s1", "s2")),
        Relation("s1", ("s1:yes", "s1:no")),
        Relation("s2", ("s2:yes", "s2:no")),
    ]
    hidden = suppress(figures, relations)
    assert {"s1", "s2", "s1:yes"} <= hidden
    assert not problems(figures, relations, set(hidden))


def test_percentages_are_whole_numbers_and_only_over_a_base_of_10_or_more():
    assert percent(1, 3) is None
    assert percent(0, 9) is None
    assert percent(1, 10) == 10
    assert percent(2, 3 * 10) == 7
    assert percent(1, 8 * 10) == 1
    assert percent(None, 50) is None
    assert isinstance(percent(33, 99), int)
