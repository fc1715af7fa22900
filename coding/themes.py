"""Suggested themes: the uncoded answers of a question, grouped by their words.

TF-IDF over words and word pairs (scikit-learn's built-in English stop list,
so nothing is downloaded), then non-negative matrix factorisation
(multiplicative updates) with a fixed seed: the same answers always give the
same groups. Each group lists its top
terms and the three answers that load on it most. Nothing is applied: an
analyst reads them and writes codes.
"""

import warnings
from dataclasses import dataclass

SEED = 20240
TOP_TERMS = 8
EXAMPLES = 3


@dataclass(frozen=True)
class SuggestedTheme:
    """One group: its top terms, how many answers fall in it, three examples."""

    terms: list[str]
    size: int
    examples: list[int]


def themes_suggest(texts: list[str], *, clusters: int = 6) -> list[SuggestedTheme]:
    """Group ``texts`` into up to ``clusters`` themes; examples are indexes into it."""
    from sklearn.decomposition import NMF
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(texts) < 2:
        return []
    vectorizer = TfidfVectorizer(
        stop_words="english",
        ngram_range=(1, 2),
        min_df=2 if len(texts) >= 20 else 1,
        max_df=0.9 if len(texts) >= 20 else 1.0,
        max_features=5000,
        sublinear_tf=True,
    )
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:
        # Every word was a stop word, or too rare: nothing to group.
        return []
    clusters = max(1, min(clusters, matrix.shape[0] - 1, matrix.shape[1]))
    # Multiplicative updates from an NNDSVD start: on 5,000 answers they settle
    # in a fraction of the iterations coordinate descent takes.
    model = NMF(
        n_components=clusters,
        init="nndsvda",
        solver="mu",
        random_state=SEED,
        max_iter=300,
    )
    with warnings.catch_warnings():
        # Stopping at max_iter still gives the same groups every time; the
        # warning would only fill the log.
        warnings.simplefilter("ignore", ConvergenceWarning)
        weights = model.fit_transform(matrix)
    terms = vectorizer.get_feature_names_out()
    assigned = weights.argmax(axis=1)
    has_words = weights.max(axis=1) > 0
    themes = []
    for group in range(clusters):
        members = [
            i for i in range(len(texts)) if assigned[i] == group and has_words[i]
        ]
        if not members:
            continue
        top = model.components_[group].argsort()[::-1][:TOP_TERMS]
        examples = sorted(members, key=lambda i: (-weights[i, group], i))[:EXAMPLES]
        themes.append(
            SuggestedTheme(
                terms=[str(terms[i]) for i in top],
                size=len(members),
                examples=examples,
            )
        )
    return sorted(themes, key=lambda theme: -theme.size)
