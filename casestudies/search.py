"""Search words made safe for PostgreSQL's web-search syntax.

``websearch_to_tsquery`` refuses some inputs outright: 33 or more ``-`` signs
with no word after them overflow its operator stack ("tsquery stack too
small"), and the error would reach the visitor as a server error. The words are
normalised first, and a query that still has operators in it is tried inside a
savepoint before it is used.
"""

import logging
import re

from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    connection,
    transaction,
)

logger = logging.getLogger(__name__)

# More words than anyone types into a search box; each adds an operator.
MAX_SEARCH_TERMS = 32
MAX_SEARCH_LENGTH = 500

# Characters other than word characters, quotes, hyphens and spaces only
# separate words in web-search syntax, so they become spaces.
_SEPARATORS = re.compile(r"[^\w\s\"-]+")
_DASH_RUNS = re.compile(r"-{2,}")
# A hyphen that is neither joining words nor negating the word after it.
_STRAY_DASH = re.compile(r"-(?![\w\"])|(?<=[\w\"])-(?=\")")
_OPERATORS = re.compile(r"(?:^|\s)-[\w\"]|\"|(?:^|\s)or(?:\s|$)", re.IGNORECASE)


def search_words(query: str) -> str:
    """The query with repeated operators collapsed and the words capped.

    Hyphenated words, ``-word`` (leave out), ``"a phrase"`` and ``or`` keep
    their meaning; runs of operators with nothing to act on are dropped.
    """
    text = _SEPARATORS.sub(" ", (query or "")[:MAX_SEARCH_LENGTH])
    text = _STRAY_DASH.sub(" ", _DASH_RUNS.sub("-", text))
    words: list[str] = []
    for word in text.split():
        is_or = word.lower() == "or"
        if is_or and (not words or words[-1].lower() == "or"):
            continue
        words.append(word)
    while words and words[-1].lower() == "or":
        words.pop()
    return " ".join(words[:MAX_SEARCH_TERMS])


def has_operators(words: str) -> bool:
    """True if the words use web-search operators (leave out, phrase, or)."""
    return bool(_OPERATORS.search(words))


def websearch_accepted(words: str) -> bool:
    """Whether PostgreSQL parses the words as a web search, tried in a savepoint.

    A refusal is logged as a warning: it means the normalising above missed a
    case worth adding to it.
    """
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT websearch_to_tsquery('english', %s)", [words])
            cursor.fetchone()
    except DatabaseError as error:
        if not _is_refused_query(error):
            raise
        logger.warning(
            "Case-study search refused by PostgreSQL, using plain search: %s",
            str(error).strip().split("\n", 1)[0],
        )
        return False
    return True


def _is_refused_query(error: DatabaseError) -> bool:
    """A refusal of this query, as opposed to the database being unreachable."""
    cause = error.__cause__
    if isinstance(error, InterfaceError):
        return False
    if isinstance(error, OperationalError) and getattr(cause, "sqlstate", None) is None:
        return False
    return True
