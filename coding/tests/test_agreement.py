"""Agreement figures against worked examples with published results."""

import pytest

from coding.agreement import cohen_kappa, krippendorff_alpha_nominal


def _pairs(both_yes, first_only, second_only, both_no):
    first = [1] * both_yes + [1] * first_only + [0] * second_only + [0] * both_no
    second = [1] * both_yes + [0] * first_only + [1] * second_only + [0] * both_no
    return first, second


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        # Wikipedia, "Cohen's kappa", worked example: p_o 0.7, p_e 0.5.
        ((20, 5, 10, 15), 0.4),
        # The same article's two tables with equal agreement, different kappa.
        ((45, 15, 25, 15), 0.1304),
        ((25, 35, 5, 35), 0.2593),
    ],
)
def test_cohen_kappa_matches_the_worked_examples(table, expected):
    assert cohen_kappa(*_pairs(*table)) == pytest.approx(expected, abs=5e-5)


def test_cohen_kappa_is_one_for_perfect_agreement_and_none_without_variation():
    assert cohen_kappa([1, 0, 1], [1, 0, 1]) == 1.0
    assert cohen_kappa([1, 1], [1, 1]) is None
    assert cohen_kappa([], []) is None


def test_cohen_kappa_refuses_unequal_lengths():
    with pytest.raises(ValueError, match="same units"):
        cohen_kappa([1], [1, 0])


def test_alpha_for_two_coders_and_binary_data_is_krippendorffs_0_095():
    # Krippendorff (2011), "binary data, two observers, no missing data".
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    units = [{"A": x, "B": y} for x, y in zip(a, b, strict=True)]
    assert krippendorff_alpha_nominal(units) == pytest.approx(0.095, abs=5e-4)


def test_alpha_for_four_coders_with_gaps_is_krippendorffs_0_743():
    # Krippendorff (2011), "nominal data, any number of observers, missing data".
    rows = {
        "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    }
    units = [
        {coder: values[i] for coder, values in rows.items() if values[i] is not None}
        for i in range(12)
    ]
    assert krippendorff_alpha_nominal(units) == pytest.approx(0.743, abs=5e-4)


def test_alpha_is_none_when_every_value_is_the_same():
    assert krippendorff_alpha_nominal([{"A": 1, "B": 1}, {"A": 1, "B": 1}]) is None
    assert krippendorff_alpha_nominal([{"A": 1}]) is None
