"""Template tags for survey pages: questions, check answers, paragraphs, times."""

from datetime import datetime

from django import template
from django.template import engines
from django.utils.dateformat import format as date_format
from django.utils.safestring import mark_safe

from govuk.templatetags.site_text import paragraphs
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


@register.simple_tag
def questions(form) -> str:
    """A page's questions, rendered by the Jinja2 partials (survey/jinja2/survey/).

    Jinja2 compiles a template to Python, so the options of a long list of
    radios or checkboxes cost far less than Django's variable lookups (issue
    15; measured in the README). It escapes every value itself (autoescape).
    """
    template = engines["jinja2"].get_template("survey/questions.html")
    # Jinja2 has escaped every value; the result is the page's HTML.
    return mark_safe(template.render({"question_fields": form.question_fields()}))  # noqa: S308


@register.simple_tag
def answers_summary(sections: list[dict]) -> str:
    """Check answers' summary lists, rendered by a Jinja2 partial like the questions.

    About 45 rows, each with a few lookups and a loop of labels: two thirds of
    the page's CPU in Django's engine (issue 15; measured in the README).
    """
    template = engines["jinja2"].get_template("survey/check_answers.html")
    # Jinja2 has escaped every value; the result is the page's HTML.
    return mark_safe(template.render({"sections": sections}))  # noqa: S308
