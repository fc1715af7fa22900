"""Each fact of a documented case study keeps beside it the words it rests on.

Checked without the primary texts (a figure's quote gives its numbers, its
location is whole) and, where ../shared/sources is beside the clone (or
TIL_SOURCES_DIR names it), against them (every quote is in the cited text).
"""

import re

import pytest

from casestudies.demo import load_seed
from casestudies.sourcing import NUMBER
from sources.demo import sources_read
from sources.texts import normalise, quote_found, source_texts

DOCUMENTED = [e for e in load_seed() if not e.get("illustrative")]
TEXTS = source_texts(sources_read())


def _numbers(quote: str) -> set[str]:
    """The numbers a quote gives, reading "2016-18" as 2016 to 2018 too."""
    quote = normalise(quote)
    ranges = re.findall(r"\b(\d\d)(\d\d)-(\d\d)\b", quote)
    return set(NUMBER.findall(quote)) | {century + end for century, _, end in ranges}


def _quotes(entry: dict) -> list[tuple[str, str]]:
    figures = [(f["source"], f["quote"]) for f in entry["figures"]]
    return figures + [(q["source"], q["quote"]) for q in entry.get("quotes") or []]


@pytest.mark.parametrize("entry", DOCUMENTED, ids=lambda e: e["slug"])
def test_every_figure_has_a_whole_location_and_a_quote_that_gives_it(entry):
    for figure in entry["figures"]:
        assert set(figure) == {"text", "source", "location", "quote"}, figure
        assert isinstance(figure["location"], str) and figure["location"], figure
        assert figure["source"] in entry["sources"], figure
        assert set(NUMBER.findall(figure["text"])) <= _numbers(figure["quote"]), figure


@pytest.mark.parametrize("entry", DOCUMENTED, ids=lambda e: e["slug"])
def test_every_documented_case_study_quotes_what_it_rests_on(entry):
    quotes = _quotes(entry)
    assert entry.get("quotes"), entry["slug"]
    assert {source for source, _ in quotes} <= set(entry["sources"])


@pytest.mark.skipif(not TEXTS, reason="the primary texts are not beside the clone")
@pytest.mark.parametrize("entry", DOCUMENTED, ids=lambda e: e["slug"])
def test_every_quote_is_in_the_text_it_cites(entry):
    missing = [
        (source, quote)
        for source, quote in _quotes(entry)
        if source in TEXTS and not quote_found(quote, TEXTS[source])
    ]
    assert missing == []
