"""Respondents' text as staff read it: isolated, with direction controls shown.

The text is kept exactly as given in the database and in exports. Only on a
page is it made safe to read: each answer sits in its own ``<bdi>``, so its
direction cannot leak into the text around it, and every invisible direction
control (right-to-left override and the like) is replaced by a visible marker
such as ``⟨U+202E⟩``, so it cannot reorder what is shown.
"""

import re
import unicodedata

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Embeddings and overrides (LRE RLE PDF LRO RLO), isolates (LRI RLI FSI PDI),
# the left-to-right and right-to-left marks and the Arabic letter mark.
DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def _marker(match: re.Match) -> str:
    control = match.group()
    return format_html(
        '<span class="respondent-control" title="{}">⟨U+{}⟩</span>',
        unicodedata.name(control).capitalize(),
        f"{ord(control):04X}",
    )


def respondent_text_html(value, *, line_breaks: bool = False) -> SafeString:
    """``value`` escaped, in a ``<bdi>``, with direction controls shown as markers."""
    text = escape("" if value is None else str(value))
    if not text:
        return SafeString("")
    text = DIRECTION_CONTROLS.sub(_marker, text)
    if line_breaks:
        text = text.replace("\r\n", "\n").replace("\n", "<br>")
    return mark_safe(f"<bdi>{text}</bdi>")  # noqa: S308 - escaped above


@register.filter
def respondent_text(value) -> SafeString:
    """A respondent's text, isolated and with direction controls made visible."""
    return respondent_text_html(value)


@register.filter
def respondent_text_lines(value) -> SafeString:
    """As ``respondent_text``, keeping the respondent's line breaks."""
    return respondent_text_html(value, line_breaks=True)
