"""Template filters for survey pages: paragraphs of plain text, London times."""

from datetime import datetime

from django import template
from django.utils.dateformat import format as date_format

from pages.templatetags.site_text import paragraphs
from vocabulary.time import LONDON

register = template.Library()
# The site's one paragraphs filter, offered here too for the survey's templates.
register.filter("paragraphs", paragraphs)


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
