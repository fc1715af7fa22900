"""Every date, status, aim and output of the phases rests on its source's words.

A milestone's quote must give its date; a phase's status must be quoted unless
no source says. Where ../shared/sources is beside the clone (or TIL_SOURCES_DIR
names it), every quote must also be in the text of the source it is cited to,
so a date cited to a text that does not contain it fails.
"""

import pytest

from roadmap.models import ReportedStatus
from roadmap.services import roadmap_content_read
from sources.demo import sources_read
from sources.texts import date_quoted, quote_found, source_texts

PHASES = roadmap_content_read()["phases"]
TEXTS = source_texts(sources_read())
needs_texts = pytest.mark.skipif(
    not TEXTS, reason="the primary texts are not beside the clone (../shared/sources)"
)


def _as_list(quote) -> list[str]:
    return [quote] if isinstance(quote, str) else list(quote or [])


def milestone_problems(milestone: dict, texts: dict) -> list[str]:
    """What is wrong with one milestone's evidence (texts: code -> text)."""
    quotes = _as_list(milestone.get("quote"))
    problems = []
    if not any(date_quoted(milestone["when"], quote) for quote in quotes):
        problems.append(f"no quote gives {milestone['when']!r}")
    text = texts.get(milestone["source"])
    if text is not None:
        problems += [
            f"not in {milestone['source']}: {quote!r}"
            for quote in quotes
            if not quote_found(quote, text)
        ]
    return problems


def _phase_quotes(phase: dict) -> list[tuple[str, str]]:
    """(source code, quote) for the aim, outputs and status of a phase."""
    codes = phase["sources"]
    quoted = [
        (codes, quote)
        for quote in phase.get("aim_quotes", []) + phase.get("outputs_quotes", [])
    ]
    status = phase.get("status") or {}
    if status.get("quote"):
        quoted.append(([status["source"]], status["quote"]))
    return quoted


@pytest.mark.parametrize("phase", PHASES, ids=lambda p: p["code"])
def test_every_milestone_quote_gives_its_date(phase):
    for milestone in phase["milestones"]:
        assert milestone_problems(milestone, {}) == [], milestone


@pytest.mark.parametrize("phase", PHASES, ids=lambda p: p["code"])
def test_every_phase_says_where_it_stands_with_the_words_of_its_source(phase):
    status = phase["status"]
    assert status["value"] in ReportedStatus.values
    assert status["note"]
    if status["value"] == ReportedStatus.NOT_PUBLISHED:
        assert "source" not in status and "quote" not in status
    else:
        assert status["source"] and status["quote"]
    assert phase.get("aim_quotes") and phase.get("outputs_quotes")


def test_a_date_its_quote_does_not_give_is_caught():
    launch = {
        "when": "2 December 2025",
        "source": "dartington-blog-2025-12-02",
        "quote": "Recently we celebrated the launch of the Trauma-Informed London "
        "website and resources.",
    }
    assert milestone_problems(launch, {}) == ["no quote gives '2 December 2025'"]


@needs_texts
@pytest.mark.parametrize("phase", PHASES, ids=lambda p: p["code"])
def test_every_quote_is_in_the_text_of_the_source_it_is_cited_to(phase):
    for milestone in phase["milestones"]:
        assert milestone_problems(milestone, TEXTS) == [], milestone
    for codes, quote in _phase_quotes(phase):
        assert any(quote_found(quote, TEXTS[code]) for code in codes), quote


@needs_texts
def test_a_date_cited_to_a_text_that_does_not_contain_it_is_caught():
    # As the site had it: the briefing's July 2025 cited to the VRU's page.
    report = {
        "when": "July 2025",
        "source": "vru-trauma-informed-research",
        "quote": "Violence Reduction Unit is expecting to deliver a final report "
        "and roadmap in July 2025",
    }
    assert milestone_problems(report, TEXTS) != []
    briefing = {**report, "source": "vru-trauma-informed-practice-briefing"}
    assert milestone_problems(briefing, TEXTS) == []
