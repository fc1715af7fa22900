"""The admin's search over submitted responses: a reference, or words in free text."""

import re

from django.contrib.postgres.search import SearchQuery
from django.db.models import Q

# Response.search_vector's configuration (survey/models/responses.py).
SEARCH_CONFIG = "simple"
# A response's reference, as Response.new_reference makes it (TIL-7K3M-9QX2).
REFERENCE_SHAPE = re.compile(r"^[A-Za-z]{3}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$")
SEARCH_EDGE_PUNCTUATION = ".,;:!?\"'()[]"


def free_text_search(queryset, term: str):
    """Responses whose organisation or free-text answers hold ``term``.

    A term shaped like a reference finds that response only.

    ``Response.search_text`` holds only the organisation and the answers to
    text questions (and their "Other" boxes), so option codes and JSON keys
    never match. The match is ``icontains`` (``%`` and ``_`` taken literally).
    When the term is plain words, the full-text index (``search_vector``)
    narrows the rows to those holding the words in order, each word found from
    its start, so the substring test runs on those rows only; a single word
    needs no substring test at all. A term starting in the middle of a word
    is therefore not found.
    """
    if REFERENCE_SHAPE.match(term):
        # One indexed lookup; an OR with the text search would stop the
        # planner from using the search index.
        return queryset.filter(reference=term.upper())
    condition = Q(search_text__icontains=term)
    words = search_words(term)
    if not words:
        return queryset.filter(condition)
    # Several words: adjacent (no stop words in 'simple'), whole but for the
    # last, which may start a longer word. One word: the start of a word.
    parts = [*words[:-1], words[-1] + ":*"]
    prefilter = Q(
        search_vector=SearchQuery(
            " <-> ".join(parts), search_type="raw", config=SEARCH_CONFIG
        )
    )
    if len(words) == 1 and words[0] == term.lower():
        # A word starting with the term holds it as a substring: the index
        # answers alone, with no substring test on every matching row.
        return queryset.filter(prefilter)
    return queryset.filter(prefilter & condition)


def search_words(term: str) -> list[str]:
    """The term's words for the full-text prefilter, or none to skip it.

    Only a term made of plain words (letters and digits, with punctuation at
    their ends) is used: PostgreSQL's parser splits anything else (hyphens,
    e-mail addresses, decimals, ``%``) in ways a prefix query could miss.
    """
    words = []
    for chunk in term.split():
        word = chunk.strip(SEARCH_EDGE_PUNCTUATION)
        if not word:
            continue
        if not word.isalnum():
            return []
        words.append(word.lower())
    return words
