"""Template filters for the roadmap's editable text."""

import re

from django import template
from django.utils.html import format_html, format_html_join

from roadmap import journey_map, routemap_svg

register = template.Library()


@register.filter
def paragraphs(text: str, css_class: str = "govuk-body"):
    """Plain text with blank lines between paragraphs, as escaped GOV.UK paragraphs."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text or "") if b.strip()]
    return format_html_join(
        "\n", '<p class="{}">{}</p>', ((css_class, block) for block in blocks)
    )


@register.filter
def first_paragraph(text: str):
    """The first paragraph of a text, as a plain string."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text or "") if b.strip()]
    return blocks[0] if blocks else ""


@register.simple_tag
def sector_tag(label: str):
    """A small tag naming the sector an action is written for."""
    return format_html('<strong class="govuk-tag govuk-tag--blue">{}</strong>', label)


@register.filter
def stage_slug(code: str) -> str:
    """A stage code as it reads in a station's address: "trauma-informed"."""
    return journey_map.stage_slug(code)


@register.simple_tag
def route_map_svg(route, prefix, title, description, interactive=False):
    """One orientation of the route map as SVG (roadmap.routemap_svg)."""
    return routemap_svg.route_map_svg(
        route,
        prefix=prefix,
        title=title,
        description=description,
        interactive=bool(interactive),
    )
