"""Template filters for the roadmap's editable text."""

from django import template
from django.utils.html import format_html

from govuk.templatetags.site_text import paragraphs
from roadmap import journey_map, routemap_svg

register = template.Library()
# The site's one paragraphs filter, offered here too for the roadmap's templates.
register.filter("paragraphs", paragraphs)


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
