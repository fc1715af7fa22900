"""Markdown to safe HTML for case-study text written by editors."""

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

# Only what case studies need; everything else (raw HTML, scripts, styles,
# event handlers, iframes) is removed.
ALLOWED_TAGS = {"h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "a", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
GOVUK_CLASSES = {
    "h2": {"class": "govuk-heading-m"},
    "h3": {"class": "govuk-heading-s"},
    "h4": {"class": "govuk-heading-s"},
    "p": {"class": "govuk-body"},
    "ul": {"class": "govuk-list govuk-list--bullet"},
    "ol": {"class": "govuk-list govuk-list--number"},
    "a": {"class": "govuk-link"},
}


def render_markdown(text: str) -> SafeString:
    """Render Markdown and keep only a small, safe set of tags and attributes."""
    html = markdown.markdown(text or "", extensions=["sane_lists"])
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        set_tag_attribute_values=GOVUK_CLASSES,
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has sanitised it
