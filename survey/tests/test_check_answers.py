"""Check answers' summary lists (a Jinja2 partial): escaped, markup as before."""

import re

import pytest
from django.template import engines
from django.urls import reverse

from survey.models import FREE_TEXT_TYPES, Question, Response
from survey.routing import path_of
from survey.tests.factories import browser_token
from survey.views.flow import step_url, wave_steps

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"

# The summary lists as Django rendered them before the Jinja2 partial
# (templates/survey/check.html until issue 15), with the view's rows of then.
FORMER_SUMMARY = """
    {% for block in sections %}
    <h2 class="govuk-heading-m">{{ block.section.title }}</h2>
    <dl class="govuk-summary-list govuk-!-margin-bottom-9">
      {% for row in block.rows %}
      <div class="govuk-summary-list__row">
        {% if row.contact %}
        <dt class="govuk-summary-list__key">Contact about a case study</dt>
        <dd class="govuk-summary-list__value til-answer">{% if row.details %}Yes: {{ row.details.name }}, {{ row.details.email }}{% if row.details.phone %}, {{ row.details.phone }}{% endif %}{% else %}No{% endif %}</dd>
        <dd class="govuk-summary-list__actions"><a class="govuk-link" href="{{ row.change_url }}">Change<span class="govuk-visually-hidden"> whether we can contact you</span></a></dd>
        {% else %}
        <dt class="govuk-summary-list__key">{{ row.question.text }}</dt>
        <dd class="govuk-summary-list__value til-answer">
          {% if row.answer.empty %}<span class="govuk-hint govuk-!-margin-bottom-0">Not answered</span>
          {% elif row.answer.text %}{{ row.answer.text }}
          {% elif row.answer.labels|length == 1 %}{{ row.answer.labels.0 }}
          {% else %}<ul class="govuk-list">{% for label in row.answer.labels %}<li>{{ label }}</li>{% endfor %}</ul>{% endif %}
        </dd>
        <dd class="govuk-summary-list__actions"><a class="govuk-link" href="{{ row.change_url }}">Change<span class="govuk-visually-hidden"> your answer to: {{ row.question.text }}</span></a></dd>
        {% endif %}
      </div>
      {% endfor %}
    </dl>
    {% endfor %}
"""  # noqa: E501


def _former_sections(wave, response) -> list[dict]:
    """The rows the check view worked out before the partial, for FORMER_SUMMARY."""
    steps, _ = wave_steps(wave)
    answers = response.answers
    details = getattr(response, "contact_details", None)
    sections: list[dict] = []
    for page in path_of(steps, answers).shown:
        if not sections or sections[-1]["section"] != page.section:
            sections.append({"section": page.section, "rows": []})
        change_url = step_url(wave, page, change=True)
        if page.is_contact:
            row = {"contact": True, "details": details, "change_url": change_url}
            sections[-1]["rows"].append(row)
            continue
        for question in page.shown_questions(answers):
            lines = question.answer_text(answers)
            if not lines:
                answer = {"empty": True}
            elif question.type in (*FREE_TEXT_TYPES, Question.Type.NUMBER):
                answer = {"text": lines[0]}
            else:
                answer = {"labels": lines}
            sections[-1]["rows"].append(
                {"question": question, "answer": answer, "change_url": change_url}
            )
    return sections


def _normalised(html: str) -> str:
    """HTML with the whitespace a browser ignores taken out, quotes spelt alike."""
    html = re.sub(r"\s+", " ", html)
    html = re.sub(r" ?(</?(?:h2|dl|div|dt|dd|ul|li)\b[^>]*>) ?", r"\1", html)
    return html.replace("&quot;", "&#34;").replace("&#x27;", "&#39;").strip()


def _summary(page: str) -> str:
    """The check page's summary lists: first section heading up to Now send."""
    start = page.index('<h2 class="govuk-heading-m">')
    return page[start : page.index('<h2 class="govuk-heading-m">Now send')]


def _answered(client, wave) -> str:
    """A draft with every kind of row, hostile text in each free place."""
    wave.questions.filter(code="organisation_name").update(text=HOSTILE)
    data = {
        "consent": "on",
        "sector": "nhs",
        "nhs_organisation_type": "other",
        "nhs_organisation_type_other": HOSTILE,
        "barriers": ["funding", "time_workload", "other"],
        "barriers_other": HOSTILE,
        "nhs_icb": "north_east",
        "answering_for": "team",
        "team_size": "under_10",
        "has_example": "yes",
        "example_description": HOSTILE,
        "contact": "no",
    }
    location = client.post(reverse("survey:begin", args=[wave.slug]), {"website": ""})[
        "Location"
    ]
    while not location.endswith("/check-answers/"):
        location = client.post(location, data)["Location"]
    client.post(
        reverse("survey:contact", args=[wave.slug]) + "?change=1",
        {
            "contact": "yes",
            "name": "Sam Smith",
            "email": "sam@example.org",
            "phone": "020 7946 0000",
        },
    )
    return client.get(location).content.decode()


def test_check_answers_escapes_free_text_other_answers_and_question_text(
    client, open_wave
):
    summary = _normalised(_summary(_answered(client, open_wave)))
    assert "<script" not in summary
    # The free-text answer, the two "Other" answers (a single choice and one
    # of several) and the question text, the last twice: the row's key and
    # the Change link's hidden words.
    assert summary.count(ESCAPED) == 5
    value = '<dd class="govuk-summary-list__value til-answer">'
    assert f"{value}{ESCAPED}</dd>" in summary
    assert f"{value}Other: {ESCAPED}</dd>" in summary
    assert f"<li>Other: {ESCAPED}</li>" in summary
    assert f'<dt class="govuk-summary-list__key">{ESCAPED}</dt>' in summary
    assert f"> your answer to: {ESCAPED}</span>" in summary


def test_check_answers_markup_is_as_django_rendered_it_for_every_kind_of_row(
    client, open_wave
):
    page = _answered(client, open_wave)
    response = Response.objects.with_token(browser_token(client, open_wave)).get()
    former = engines["django"].from_string(FORMER_SUMMARY)
    expected = former.render({"sections": _former_sections(open_wave, response)})
    summary = _normalised(_summary(page))
    assert summary == _normalised(expected)
    value = '<dd class="govuk-summary-list__value til-answer">'
    contact_url = reverse("survey:contact", args=[open_wave.slug]) + "?change=1"
    for row in (
        f'{value}<span class="govuk-hint govuk-!-margin-bottom-0">Not answered</span>',
        f"{value}NHS</dd>",
        f'{value}<ul class="govuk-list"><li>Lack of funding</li>'
        "<li>Lack of time or high workloads</li>"
        f"<li>Other: {ESCAPED}</li></ul></dd>",
        '<dt class="govuk-summary-list__key">Contact about a case study</dt>'
        f"{value}Yes: Sam Smith, sam@example.org, 020 7946 0000</dd>"
        f'<dd class="govuk-summary-list__actions"><a class="govuk-link" '
        f'href="{contact_url}">Change<span class="govuk-visually-hidden"> '
        "whether we can contact you</span></a></dd>",
    ):
        assert row in summary
