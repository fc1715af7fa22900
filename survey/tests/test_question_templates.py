"""The question partials (Jinja2): every value escaped, GOV.UK attributes in place."""

import re

import pytest
from django.utils.datastructures import MultiValueDict

from survey.forms import SectionForm
from survey.models import Question
from survey.questionnaire import FREE_TEXT_CAUTION
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
    html = _rendered(question, {"sector": ["other"], "sector_other": ["x" * 201]})
    assert html.lstrip().startswith(
        '<div class="govuk-form-group govuk-form-group--error">'
    )
    assert 'aria-describedby="id_sector_other-hint id_sector_other-error"' in html
    assert 'aria-describedby="id_sector-why"' in html  # no error of its own
    assert 'type="radio"' in html
    assert "govuk-radios__conditional--hidden" not in html


def _other_question(qtype):
    return QuestionFactory.build(
        code="kinds",
        type=qtype,
        other_text=True,
        prefer_not_to_say=True,
        options=[{"code": "a", "label": "A"}],
    )


@pytest.mark.parametrize(
    ("qtype", "kind", "module"),
    [
        (Question.Type.SINGLE, "govuk-radios", None),
        (Question.Type.MULTIPLE, "govuk-checkboxes", "govuk-checkboxes"),
    ],
)
def test_other_reveals_its_box_with_the_govuk_conditional_pattern(qtype, kind, module):
    html = _rendered(_other_question(qtype))
    other = re.search(r'<input[^>]*value="other"[^>]*>', html).group(0)
    assert 'data-aria-controls="id_kinds_other-conditional"' in other
    # The box follows the "Other" option, inside the group, before the divider,
    # and is in the page (shown without JavaScript), hidden only by the script.
    after = html[html.index(other) :]
    conditional = (
        f'<div class="{kind}__conditional {kind}__conditional--hidden" '
        'id="id_kinds_other-conditional">'
    )
    box_at = after.index('id="id_kinds_other"')
    assert after.index(conditional) < box_at < after.index(f"{kind}__divider")
    box = re.search(r'<input class="govuk-input[^>]*>', html).group(0)
    assert 'name="kinds_other"' in box and 'type="text"' in box
    assert 'aria-describedby="id_kinds_other-hint"' in box
    if module:
        assert f'data-module="{module}"' in html
    else:
        # GOV.UK's Radios module would set aria-expanded on the radio; the
        # site's script reveals the box instead.
        assert 'data-module="govuk-radios"' not in html


@pytest.mark.parametrize("qtype", [Question.Type.SINGLE, Question.Type.MULTIPLE])
def test_the_other_box_is_shown_from_the_start_when_other_is_chosen(qtype):
    question = _other_question(qtype)
    html = _rendered(question, {"kinds": ["other"], "kinds_other": ["Mine"]})
    assert "__conditional--hidden" not in html
    assert 'value="Mine"' in html


def test_radios_without_an_other_box_keep_the_govuk_module():
    question = QuestionFactory.build(
        code="sector", type=Question.Type.SINGLE, options=[{"code": "a", "label": "A"}]
    )
    html = _rendered(question)
    assert 'data-module="govuk-radios"' in html
    assert "conditional" not in html


@pytest.mark.parametrize("qtype", [Question.Type.SINGLE, Question.Type.MULTIPLE])
def test_every_other_box_asks_not_to_name_people_or_describe_own_experiences(qtype):
    html = _rendered(_other_question(qtype))
    hint = re.search(
        r'<div class="govuk-hint" id="id_kinds_other-hint">([^<]*)</div>', html
    )
    assert hint.group(1) == FREE_TEXT_CAUTION
