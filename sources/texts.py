"""The primary texts the sources file quotes, and checks of its quotes against them.

The texts are not in the repository: they sit in ``../shared/sources/`` beside
the clone (or wherever ``TIL_SOURCES_DIR`` says). Every check that needs them
says so by returning ``None`` when they are absent; the checks of a quote
against its own value (a date in the words quoted for it) need no text.
"""

import calendar
import os
import re
from pathlib import Path

from django.conf import settings

MONTHS = "|".join(calendar.month_name[1:])
# "10 January 2025", "2nd December 2025", "July 2025", "late 2024".
DATE = re.compile(rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{MONTHS})\s+\d{{4}}\b")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# A byline: a line of two or three capitalised words and nothing else.
BYLINE = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z'\u2019-]+){1,2}$")
LISTING = re.compile(r"^[^,]+, (?:19|20)\d\d, ")
NAMED_FIELDS = ("title", "author", "published")
# Curly quote marks, compared as straight ones.
QUOTE_MARKS = {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}


def sources_dir() -> Path:
    """Where the primary texts are: TIL_SOURCES_DIR, else ../shared/sources."""
    configured = os.environ.get("TIL_SOURCES_DIR")
    if configured:
        return Path(configured)
    return Path(settings.BASE_DIR).parent / "shared" / "sources"


def normalise(text: str) -> str:
    """Text as quotes are compared: straight quotes, one space, no line-end hyphens."""
    text = text.translate(str.maketrans(QUOTE_MARKS))
    text = re.sub(r"\s+", " ", text)
    # PDF extraction leaves "trauma- informed" where a line broke at a hyphen.
    return re.sub(r"(?<=\w)- (?=\w)", "-", text).strip()


def read_text(filename: str, directory: Path | None = None) -> str | None:
    """The text of one primary source, or None when the texts are not here."""
    path = (directory or sources_dir()) / filename
    return path.read_text(encoding="utf-8") if path.is_file() else None


def quote_found(quote: str, text: str) -> bool:
    """Whether ``quote`` is in ``text``, ignoring spacing, quote marks and case."""
    return normalise(quote).casefold() in normalise(text).casefold()


def _words(value: str) -> set[str]:
    return {w for w in re.findall(r"\w+", normalise(value).casefold()) if len(w) > 2}


def _as_list(quotes) -> list[str]:
    return [quotes] if isinstance(quotes, str) else list(quotes or [])


def date_in(value: str, quote: str) -> bool:
    """Whether a partial ISO date ("2024", "2025-12", "2024-01-30") is in a quote."""
    parts = value.split("-")
    quote = normalise(quote)
    if parts[0] not in quote:
        return False
    if len(parts) > 1 and calendar.month_name[int(parts[1])] not in quote:
        return False
    return len(parts) < 3 or bool(
        re.search(rf"\b{int(parts[2])}(?:st|nd|rd|th)?\b", quote)
    )


def entry_problems(entry: dict) -> list[str]:
    """What the quotes of one sources-file entry fail to support, without the text."""
    code, quotes = entry["code"], entry.get("quotes") or {}
    not_given = set(entry.get("not_given") or [])
    problems = []
    if not (entry.get("text") or entry.get("listed_in")):
        problems.append(f"{code}: names neither its text nor the text that lists it")
    for field in NAMED_FIELDS:
        value = str(entry.get(field) or "")
        said = _as_list(quotes.get(field))
        if field in not_given:
            if said:
                problems.append(f"{code}: {field} is quoted but marked not given")
            if field != "title" and value:
                problems.append(f"{code}: {field} is filled but marked not given")
            continue
        if not value:
            problems.append(f"{code}: {field} is blank; quote it or mark it not given")
        elif not said:
            problems.append(f"{code}: {field} {value!r} has no quote")
        elif field == "published":
            if not any(date_in(value, q) for q in said):
                problems.append(f"{code}: no quote gives the date {value}")
        elif not _words(value) <= set().union(*(_words(q) for q in said)):
            problems.append(f"{code}: the quotes do not give the {field} {value!r}")
    description = entry.get("description") or ""
    if "not recorded" in description or "described here in words" in description:
        if "title" not in not_given:
            problems.append(f"{code}: the description says a field is unknown")
    listing = " ".join(_as_list(quotes.get("title")))
    if entry.get("listed_in") and LISTING.match(normalise(listing)):
        for field in not_given & {"author", "published"}:
            problems.append(f"{code}: the listing {listing!r} gives the {field}")
    return problems


def text_problems(entry: dict, text: str) -> list[str]:
    """What the text of an entry contradicts: quotes not in it, fields it gives."""
    code, quotes = entry["code"], entry.get("quotes") or {}
    problems = [
        f"{code}: quote not in the text: {quote!r}"
        for field in quotes
        for quote in _as_list(quotes[field])
        if not quote_found(quote, text)
    ]
    if not entry.get("text"):
        return problems
    not_given = set(entry.get("not_given") or [])
    lines = [line.strip() for line in text.splitlines() if line.strip()][:5]
    if "published" in not_given and (
        DATE.search(text[:600]) or "Published" in text[:600]
    ):
        problems.append(f"{code}: the text opens with a date; fill in published")
    if "author" in not_given and any(BYLINE.match(line) for line in lines):
        problems.append(f"{code}: the text opens with a byline; fill in the author")
    first = lines[0] if lines else ""
    if "title" in not_given and first and not first.isupper() and len(first) < 120:
        problems.append(f"{code}: the text opens with a title: {first!r}")
    return problems


def source_texts(entries: list[dict], directory: Path | None = None) -> dict:
    """Each entry's code to the text its quotes come from, where it is here."""
    own = {e["code"]: read_text(e["text"], directory) for e in entries if e.get("text")}
    return {
        e["code"]: own.get(e["code"]) or own.get(e.get("listed_in", ""))
        for e in entries
        if own.get(e["code"]) or own.get(e.get("listed_in", ""))
    }


SEASONS = re.compile(r"\b(early|mid|late|spring|summer|autumn|winter)\b", re.I)


def date_quoted(when: str, quote: str) -> bool:
    """Whether a quote gives the date a milestone or page states, in any form.

    "10 January 2025" needs those words ("2nd December 2025" gives
    "2 December 2025"); "Late 2024" or "Spring or summer 2025" needs the year
    and each of its season words.
    """
    quote = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)\b", r"\1", normalise(quote)).casefold()
    when = normalise(when).casefold()
    dates = DATE.findall(re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)\b", r"\1", when).title())
    if dates:
        return all(date.casefold() in quote for date in dates)
    years = YEAR.findall(when)
    return bool(years) and all(word in quote for word in years + SEASONS.findall(when))
