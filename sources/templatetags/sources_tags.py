"""Reference marks: {% cite citations "code" %} links a claim to its source."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def cite(citations, *codes):
    """Numbered marks for the sources named, linked to the list of sources."""
    marks = []
    for code in codes:
        number = citations.cite(code) if citations else None
        if number is None:
            # A missing source shows nothing on the page; the citations test
            # fails on it instead.
            continue
        marks.append(
            format_html(
                '<sup class="til-ref"><a class="govuk-link" href="#source-{0}">'
                '<span class="govuk-visually-hidden">Source </span>[{0}]</a></sup>',
                number,
            )
        )
    return mark_safe("".join(marks))  # noqa: S308 - each mark is format_html output
