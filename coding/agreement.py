"""Agreement between coders: pure functions, no database.

Cohen's kappa (two coders, every unit coded by both):
    kappa = (p_o - p_e) / (1 - p_e)
where p_o is the share of units they agree on and p_e the agreement expected
by chance, the sum over values of the product of each coder's share.

Krippendorff's alpha for nominal data (any number of coders, gaps allowed):
    alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c * n_k
where o_ck is the coincidence matrix (each unit with m_u >= 2 values adds
1 / (m_u - 1) for every ordered pair of its values), n_c its margins and n
the number of pairable values (Krippendorff 2011, "Computing Krippendorff's
alpha-reliability"). Units with fewer than two values are left out.

Both answer None where the figure is undefined (no variation at all).
"""

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from fractions import Fraction
from itertools import permutations


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> float | None:
    """Cohen's kappa of two coders' values for the same units, in order."""
    if len(first) != len(second):
        raise ValueError("Both coders must code the same units.")
    n = len(first)
    if n == 0:
        return None
    observed = Fraction(sum(a == b for a, b in zip(first, second, strict=True)), n)
    first_counts, second_counts = Counter(first), Counter(second)
    expected = sum(
        Fraction(first_counts[value] * second_counts[value], n * n)
        for value in first_counts
    )
    if expected == 1:
        return None
    return float((observed - expected) / (1 - expected))


def krippendorff_alpha_nominal(
    units: Sequence[Mapping[Hashable, Hashable]],
) -> float | None:
    """Krippendorff's alpha for nominal values: one mapping coder -> value per unit.

    A coder missing from a unit's mapping did not code it.
    """
    # Pairs are counted as whole numbers per unit size, then divided once:
    # exact, and far quicker than adding a fraction per pair.
    pairs: Counter = Counter()
    for unit in units:
        values = list(unit.values())
        if len(values) < 2:
            continue
        for c, k in permutations(values, 2):
            pairs[len(values), c, k] += 1
    coincidences: Counter = Counter()
    for (size, c, k), count in pairs.items():
        coincidences[c, k] += Fraction(count, size - 1)
    margins: Counter = Counter()
    for (c, _), count in coincidences.items():
        margins[c] += count
    n = sum(margins.values())
    disagreeing = sum(count for (c, k), count in coincidences.items() if c != k)
    expected = sum(margins[c] * margins[k] for c in margins for k in margins if c != k)
    if n == 0 or expected == 0:
        return None
    return float(1 - (n - 1) * disagreeing / expected)
