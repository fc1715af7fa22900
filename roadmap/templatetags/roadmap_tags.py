"""Template filters for the roadmap's editable text."""

from django import template
from django.utils.html import format_html

from pages.templatetags.site_text import paragraphs

register = template.Library()
# The site's one paragraphs filter, offered here too for the roadmap's templates.
register.filter("paragraphs", paragraphs)


@register.simple_tag
def sector_tag(label: str):
    """A small tag naming the sector an action is written for."""
    return format_html('<strong class="govuk-tag govuk-tag--blue">{}</strong>', label)
