"""The sources file says what each primary text gives, in the text's own words.

The quotes are checked against the values they support without the texts; the
texts, beside the clone in ../shared/sources/ (or where TIL_SOURCES_DIR says),
are checked when present.
"""

import pytest

from sources.demo import sources_read
from sources.models import SourceKind
from sources.texts import entry_problems, source_texts, text_problems

ENTRIES = sources_read()
TEXTS = source_texts(ENTRIES)
needs_texts = pytest.mark.skipif(
    not TEXTS, reason="the primary texts are not beside the clone (../shared/sources)"
)

# The blog post's record as it was before it was read against its text.
BLOG_UNREAD = {
    "code": "dartington-blog-2025-12-02",
    "title": "Blog post on the launch of the Trauma-Informed London website",
    "author": "Dartington Service Design Lab",
    "published": "2025-12-02",
    "text": "004_f80b064c825b70c6.txt",
    "description": "The post's exact title is not recorded in our sources.",
    "quotes": {"published": "2nd December 2025"},
    "not_given": [],
}


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["code"])
def test_every_title_author_and_date_rests_on_a_quote(entry):
    assert entry_problems(entry) == []


def test_a_record_that_calls_a_given_field_unknown_fails():
    problems = entry_problems(BLOG_UNREAD)
    assert any("title" in p and "no quote" in p for p in problems)
    assert any("says a field is unknown" in p for p in problems)


def test_a_date_the_quote_does_not_give_fails():
    entry = {**BLOG_UNREAD, "published": "2025-12-01"}
    assert any("date 2025-12-01" in p for p in entry_problems(entry))


@needs_texts
@pytest.mark.parametrize(
    "entry", [e for e in ENTRIES if e["code"] in TEXTS], ids=lambda e: e["code"]
)
def test_every_quote_is_in_the_text_and_the_text_gives_nothing_left_blank(entry):
    assert text_problems(entry, TEXTS[entry["code"]]) == []


@needs_texts
def test_a_blank_author_the_text_gives_is_caught():
    entry = {**BLOG_UNREAD, "author": "", "not_given": ["author"]}
    problems = text_problems(entry, TEXTS["dartington-blog-2025-12-02"])
    assert any("byline" in p for p in problems)


def test_every_primary_text_is_a_source():
    files = {e["text"] for e in ENTRIES if e.get("text")}
    assert files == {
        "000_81ae52fc595df7eb.txt",
        "001_dfbb921f00dcacc0.txt",
        "002_baf993c58d609b06.txt",
        "003_ba2733d08ade9faf.txt",
        "004_f80b064c825b70c6.txt",
    }


def test_the_home_office_text_is_research_and_analysis_not_guidance():
    (entry,) = [
        e for e in ENTRIES if e["code"] == "home-office-learning-from-experience"
    ]
    assert entry["kind"] == SourceKind.RESEARCH_ANALYSIS
    assert "not formal guidance" in entry["description"]
