"""Passages flagged for redaction, masked wherever answers leave the admin.

The flags live in an app above the survey (coding), which the survey may not
import; that app registers its lookup here from its AppConfig.ready. The
stored answers never change: exports and case-study drafts mask a copy.
"""

from collections.abc import Callable

from django.db.models import QuerySet

MASK = "[redacted]"

# Each lookup takes a queryset of responses and answers
# {response pk: {answer key: [(start, end), ...]}}.
Spans = dict[str, list[tuple[int, int]]]
_lookups: list[Callable[[QuerySet], dict[int, Spans]]] = []


def redaction_lookup_register(lookup: Callable[[QuerySet], dict[int, Spans]]) -> None:
    """Add a source of flagged passages (once; repeated calls are ignored)."""
    if lookup not in _lookups:
        _lookups.append(lookup)


def redactions_for(queryset: QuerySet) -> dict[int, Spans]:
    """Every flagged passage of the responses in ``queryset``, by response pk."""
    found: dict[int, Spans] = {}
    for lookup in _lookups:
        for pk, spans in lookup(queryset).items():
            for key, pairs in spans.items():
                found.setdefault(pk, {}).setdefault(key, []).extend(pairs)
    return found


def text_masked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each (start, end) passage replaced by the mask."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    parts, position = [], 0
    for start, end in merged:
        parts.append(text[position:start])
        parts.append(MASK)
        position = end
    parts.append(text[position:])
    return "".join(parts)


def answers_masked(answers: dict, spans: Spans | None) -> dict:
    """A copy of ``answers`` with flagged passages masked (the same dict if none)."""
    if not spans:
        return answers
    masked = dict(answers)
    for key, pairs in spans.items():
        if isinstance(masked.get(key), str):
            masked[key] = text_masked(masked[key], pairs)
    return masked
