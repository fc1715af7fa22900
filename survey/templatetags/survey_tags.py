"""Template filters for survey pages: paragraphs of plain text, London times."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django import template
from django.utils.dateformat import format as date_format
from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString

register = template.Library()

LONDON = ZoneInfo("Europe/London")


@register.filter
def paragraphs(text: str) -> SafeString:
    """Plain text with blank lines between paragraphs, as escaped GOV.UK paragraphs."""
    blocks = [b.strip() for b in str(text or "").split("\n\n") if b.strip()]
    return format_html_join(
        "\n",
        '<p class="govuk-body">{}</p>',
        ((escape(block),) for block in blocks),
    )


@register.filter
def london(moment: datetime | None) -> str:
    """A moment in London time, GOV.UK style: 11:59pm on Friday 10 January 2025."""
    if moment is None:
        return ""
    local = moment.astimezone(LONDON)
    if local.hour == 0 and local.minute == 0:
        time_part = "midnight"
    elif local.hour == 12 and local.minute == 0:
        time_part = "midday"
    else:
        time_part = date_format(local, "gA" if local.minute == 0 else "g:iA").lower()
    return f"{time_part} on {date_format(local, 'l j F Y')}"
