"""Suggested themes: repeatable groups with their words and examples."""

from coding.themes import themes_suggest

TRAINING = [
    f"Training for staff with supervision afterwards, team {i}." for i in range(15)
]
FUNDING = [f"Funding cuts and short grants ended project {i}." for i in range(15)]


def test_answers_about_different_things_fall_into_different_groups():
    themes = themes_suggest(TRAINING + FUNDING, clusters=2)
    assert len(themes) == 2
    groups = [set(theme.examples) for theme in themes]
    training = set(range(15))
    assert any(group <= training for group in groups)
    assert any(group.isdisjoint(training) for group in groups)
    assert all(len(theme.examples) == 3 for theme in themes)
    assert sum(theme.size for theme in themes) == 30
    assert "training" in " ".join(themes[0].terms + themes[1].terms)


def test_the_same_answers_give_the_same_groups():
    first = themes_suggest(TRAINING + FUNDING, clusters=3)
    assert first == themes_suggest(TRAINING + FUNDING, clusters=3)


def test_too_few_or_wordless_answers_give_no_groups():
    assert themes_suggest(["Only one."]) == []
    assert themes_suggest(["the and", "of the"]) == []
