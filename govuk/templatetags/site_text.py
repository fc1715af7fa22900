"""Template filters for plain text written by staff, used on every part of the site."""

import re

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def paragraphs(text: str, css_class: str = "govuk-body") -> SafeString:
    """Plain text with blank lines between paragraphs, as escaped GOV.UK paragraphs."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", str(text or "")) if b.strip()]
    return format_html_join(
        "\n", '<p class="{}">{}</p>', ((css_class, block) for block in blocks)
    )
