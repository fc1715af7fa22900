"""The question partials (Jinja2): every value escaped, GOV.UK attributes in place."""

import re

import pytest
from django.utils.datastructures import MultiValueDict

from survey.forms import SectionForm
from survey.models import Question
from survey.templatetags.survey_tags import questions
from survey.tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert('x')</script>"


def _rendered(question, data=None) -> str:
    form = SectionForm(
        MultiValueDict(data) if data is not None else None, questions=[question]
    )
    if data is not None:
        form.is_valid()
    return str(questions(form))


def _hostile(**kwargs):
    fields = {"code": "q", "text": HOSTILE, "hint": HOSTILE, "why": HOSTILE}
    return QuestionFactory.build(**{**fields, **kwargs})


@pytest.mark.parametrize(
    ("kwargs", "data"),
    [
        ({"type": Question.Type.CONSENT, "required": True}, {}),
        ({"type": Question.Type.SHORT_TEXT}, {"q": [HOSTILE + "\x00"]}),
        ({"type": Question.Type.LONG_TEXT, "max_length": 10}, {"q": [HOSTILE]}),
        ({"type": Question.Type.NUMBER}, {"q": [HOSTILE]}),
        (
            {
                "type": Question.Type.MULTIPLE,
                "other_text": True,
                "options": [{"code": "a", "label": HOSTILE}],
            },
            {"q": [HOSTILE], "q_other": [HOSTILE + "\x07"]},
        ),
        (
            {
                "type": Question.Type.SINGLE,
                "options": [{"code": "a", "label": HOSTILE}],
            },
            {"q": [HOSTILE]},
        ),
    ],
)
def test_every_question_type_escapes_its_text_and_the_typed_answer(kwargs, data):
    html = _rendered(_hostile(**kwargs), data)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert 'class="govuk-form-group govuk-' in html  # an error or a count


def test_long_text_describes_itself_by_count_hint_why_and_error():
    question = QuestionFactory.build(
        code="story", type=Question.Type.LONG_TEXT, hint="Say more.", max_length=5
    )
    html = _rendered(question, {"story": ["too long"]})
    assert (
        'aria-describedby="id_story-info id_story-hint id_story-why id_story-error"'
        in html
    )
    assert 'data-module="govuk-character-count" data-maxlength="5"' in html
    assert 'id="id_story-error"' in html


def test_none_and_prefer_not_to_say_are_exclusive_after_an_or_divider():
    question = QuestionFactory.build(
        code="kinds",
        type=Question.Type.MULTIPLE,
        options=[
            {"code": "a", "label": "A"},
            {"code": "none", "label": "None of these"},
            {"code": "prefer_not_to_say", "label": "Prefer not to say"},
        ],
    )
    html = _rendered(question, {"kinds": ["a"]})
    assert re.findall(r'id="(id_kinds[^"]*)"[^>]*type="checkbox"', html) == [
        "id_kinds",
        "id_kinds-1",
        "id_kinds-2",
    ]
    assert html.count('data-behaviour="exclusive"') == 2
    assert html.count('<div class="govuk-checkboxes__divider">or</div>') == 1
    assert re.search(r'value="a" checked', html)


def test_an_error_in_the_other_box_marks_the_question_and_describes_the_box():
    question = QuestionFactory.build(code="sector", other_text=True)
    html = _rendered(question, {"sector": ["a"], "sector_other": ["Something"]})
    assert html.lstrip().startswith(
        '<div class="govuk-form-group govuk-form-group--error">'
    )
    assert 'aria-describedby="id_sector_other-error"' in html
    assert 'aria-describedby="id_sector-why"' in html  # no error of its own
    assert 'type="radio"' in html
