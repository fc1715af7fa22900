"""Cell safety: every export cell opens as plain text in Excel, LibreOffice and Sheets.

Two entry points that differ in what they take: ``cell_from_text`` checks any
text in full; ``cell_from_answer`` takes any answer value (numbers and blanks
pass, other values become text) and answers the common case, text needing
nothing, before calling ``cell_from_text``.
"""

import json
import re

# A spreadsheet reads a cell starting with one of these as a formula (or, for
# tab and carriage return, shifts what follows into one): OWASP's list, plus
# the full-width forms some spreadsheets also accept.
FORMULA_TRIGGERS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
# Control characters an XLSX file cannot hold (openpyxl refuses them).
ILLEGAL_CHARACTERS = re.compile(r"[\000-\010\013\014\016-\037]")


def cell_from_text(value):
    """A value that opens as plain text in Excel, LibreOffice and Sheets.

    Text starting with a formula trigger (after any leading spaces) gets a
    leading apostrophe, so it is shown, never run; control characters that
    XLSX cannot hold are dropped. Numbers and None pass unchanged.
    """
    if not isinstance(value, str) or not value:
        return value
    value = ILLEGAL_CHARACTERS.sub("", value)
    first = value[:1]
    if first in FORMULA_TRIGGERS or (
        first.isspace() and value.lstrip()[:1] in FORMULA_TRIGGERS
    ):
        return "'" + value
    return value


def cell_from_answer(value):
    """``cell_from_text`` for any answer value, as text unless a number or blank.

    Most text needs nothing, and this is every text cell of a large export,
    so that case is answered first with two checks made in C.
    """
    if value is None or value.__class__ is int or value.__class__ is float:
        return value
    if value.__class__ is not str:
        value = as_text(value)
    if (
        value
        and value[0] not in FORMULA_TRIGGERS
        and not value[0].isspace()
        and ILLEGAL_CHARACTERS.search(value) is None
    ):
        return value
    return cell_from_text(value)


def as_text(value) -> str:
    """Any value as text: JSON for lists, mappings and booleans, else ``str``."""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple, dict, bool)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)
