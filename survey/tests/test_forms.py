"""Section forms built from questions: every type, messages, and arbitrary input."""

import pytest
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from survey.forms import (
    ContactChoiceForm,
    EmailLinkForm,
    SectionForm,
    StartForm,
    WithdrawForm,
)
from survey.models import Question
from survey.tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def _form(questions, data):
    return SectionForm(MultiValueDict(data), questions=questions)


def _question(**kwargs):
    return QuestionFactory.build(**kwargs)


def test_consent_is_required_with_a_clear_message():
    consent = _question(code="consent", type=Question.Type.CONSENT, required=True)
    form = _form([consent], {})
    assert not form.is_valid()
    assert form.errors["consent"] == [
        "Confirm that you have read the privacy information and agree to take part"
    ]
    form = _form([consent], {"consent": ["on"]})
    assert form.is_valid()
    assert form.answers() == {"consent": "yes"}


def test_every_other_question_is_optional():
    questions = [
        _question(code=f"q_{qtype}", type=qtype, max_length=200)
        for qtype in Question.Type.values
        if qtype != Question.Type.CONSENT
    ]
    form = _form(questions, {})
    assert form.is_valid(), form.errors
    assert form.answers() == {}


def test_single_choice_refuses_a_code_not_on_the_list():
    question = _question(code="sector", options=[{"code": "nhs", "label": "NHS"}])
    form = _form([question], {"sector": ["martians"]})
    assert form.errors["sector"] == ["Select an answer from the list"]


def test_agreement_and_yes_no_accept_their_supplied_codes():
    agreement = _question(code="r_1", type=Question.Type.AGREEMENT)
    yes_no = _question(code="champions", type=Question.Type.YES_NO)
    form = _form([agreement, yes_no], {"r_1": ["dont_know"], "champions": ["no"]})
    assert form.is_valid()
    assert form.answers() == {"r_1": "dont_know", "champions": "no"}


def test_not_applicable_is_accepted_only_where_the_file_offers_it():
    offered = _question(
        code="r_1",
        type=Question.Type.AGREEMENT,
        options=[{"code": "not_applicable", "label": "Not applicable to my role"}],
    )
    plain = _question(code="r_2", type=Question.Type.AGREEMENT, options=[])
    form = _form([offered, plain], {"r_1": ["not_applicable"], "r_2": ["agree"]})
    assert form.is_valid()
    assert form.answers() == {"r_1": "not_applicable", "r_2": "agree"}
    form = _form([offered, plain], {"r_2": ["not_applicable"]})
    assert not form.is_valid()
    assert "r_2" in form.errors


def test_prefer_not_to_say_is_offered_only_where_flagged():
    plain = _question(code="a", type=Question.Type.YES_NO)
    flagged = _question(code="b", type=Question.Type.YES_NO, prefer_not_to_say=True)
    form = _form(
        [plain, flagged], {"a": ["prefer_not_to_say"], "b": ["prefer_not_to_say"]}
    )
    assert "a" in form.errors
    assert "b" not in form.errors


def test_multiple_choice_and_borough_store_lists():
    multiple = _question(code="barriers", type=Question.Type.MULTIPLE)
    boroughs = _question(code="boroughs", type=Question.Type.BOROUGH, multiple=True)
    form = _form(
        [multiple, boroughs],
        {"barriers": ["a", "b"], "boroughs": ["hackney", "pan_london"]},
    )
    assert form.is_valid()
    assert form.answers() == {
        "barriers": ["a", "b"],
        "boroughs": ["hackney", "pan_london"],
    }


def test_prefer_not_to_say_cannot_be_ticked_with_other_answers():
    boroughs = _question(
        code="boroughs",
        type=Question.Type.BOROUGH,
        multiple=True,
        prefer_not_to_say=True,
    )
    form = _form([boroughs], {"boroughs": ["hackney", "prefer_not_to_say"]})
    assert form.errors["boroughs"] == [
        "Select \u2018Prefer not to say\u2019 on its own, or unselect it"
    ]


def test_text_in_the_other_box_with_no_answer_chosen_chooses_other():
    # Without JavaScript the box is always shown, and people may not tick.
    single = _question(code="sector", other_text=True)
    multiple = _question(code="barriers", type=Question.Type.MULTIPLE, other_text=True)
    form = _form(
        [single, multiple],
        {
            "sector": [""],
            "sector_other": ["Housing association"],
            "barriers_other": ["Parking"],
        },
    )
    assert form.is_valid(), form.errors
    assert form.answers() == {
        "sector": "other",
        "sector_other": "Housing association",
        "barriers": ["other"],
        "barriers_other": "Parking",
    }


def test_other_text_counts_with_other_chosen():
    single = _question(code="sector", other_text=True)
    multiple = _question(code="barriers", type=Question.Type.MULTIPLE, other_text=True)
    form = _form(
        [single, multiple],
        {
            "sector": ["other"],
            "sector_other": ["Charity"],
            "barriers": ["a", "other"],
            "barriers_other": ["Parking"],
        },
    )
    assert form.is_valid(), form.errors
    assert form.answers() == {
        "sector": "other",
        "sector_other": "Charity",
        "barriers": ["a", "other"],
        "barriers_other": "Parking",
    }


def test_other_text_left_behind_by_choosing_something_else_is_dropped():
    # Choosing another answer hides the revealed box, but the browser still
    # sends what was typed in it: the choice stands and the text goes.
    single = _question(code="sector", other_text=True)
    multiple = _question(code="barriers", type=Question.Type.MULTIPLE, other_text=True)
    form = _form(
        [single, multiple],
        {
            "sector": ["a"],
            "sector_other": ["Something"],
            "barriers": ["a"],
            "barriers_other": ["Parking"],
        },
    )
    assert form.is_valid(), form.errors
    assert form.answers() == {"sector": "a", "barriers": ["a"]}


def test_long_text_is_bounded_with_a_govuk_message_and_kept_as_typed():
    question = _question(code="example", type=Question.Type.LONG_TEXT, max_length=2000)
    form = _form([question], {"example": ["x" * 2001]})
    assert form.errors["example"] == ["Enter 2,000 characters or fewer"]
    typed = "<script>alert('hi')</script>\r\nLine two & \"quotes\""
    form = _form([question], {"example": [typed]})
    assert form.is_valid()
    assert form.answers()["example"] == typed.replace("\r\n", "\n")


def test_windows_line_endings_count_as_one_character():
    question = _question(code="example", type=Question.Type.LONG_TEXT, max_length=10)
    form = _form([question], {"example": ["12345\r\n6789"]})
    assert form.is_valid(), form.errors


def test_control_characters_are_refused():
    question = _question(code="role", type=Question.Type.SHORT_TEXT, max_length=200)
    form = _form([question], {"role": ["Manager\x00"]})
    assert not form.is_valid()
    form = _form([question], {"role": ["Man\x07ager"]})
    assert form.errors["role"] == ["Remove the unusual characters from your answer"]


def test_number_questions_want_a_whole_number_in_range():
    question = _question(code="staff", type=Question.Type.NUMBER)
    assert _form([question], {"staff": ["twelve"]}).errors["staff"] == [
        "Enter a whole number, like 12"
    ]
    assert _form([question], {"staff": ["-1"]}).errors["staff"] == [
        "Enter a number that is 0 or more"
    ]
    form = _form([question], {"staff": ["12"]})
    assert form.is_valid()
    assert form.answers() == {"staff": 12}


def test_valid_answers_keeps_good_fields_when_others_fail():
    good = _question(code="role", type=Question.Type.SHORT_TEXT, max_length=200)
    bad = _question(code="sector")
    form = _form([good, bad], {"role": ["Nurse"], "sector": ["bogus"]})
    assert not form.is_valid()
    assert form.valid_answers() == {"role": "Nurse"}


def test_initial_from_answers_ticks_consent_and_fills_other():
    consent = _question(code="consent", type=Question.Type.CONSENT, required=True)
    single = _question(code="sector", other_text=True)
    initial = SectionForm.initial_from(
        [consent, single],
        {"consent": "yes", "sector": "other", "sector_other": "Charity"},
    )
    assert initial == {"consent": True, "sector": "other", "sector_other": "Charity"}


def test_contact_form_needs_name_and_email_only_when_yes():
    assert ContactChoiceForm({"contact": "no"}).is_valid()
    form = ContactChoiceForm({"contact": "yes"})
    assert form.errors == {
        "name": ["Enter your name"],
        "email": ["Enter your email address"],
    }
    form = ContactChoiceForm({})
    assert form.errors["contact"] == [
        "Select yes if we can contact you about a case study"
    ]


def test_email_link_form_messages():
    assert EmailLinkForm({}).errors["email"] == ["Enter your email address"]
    assert EmailLinkForm({"email": "nope"}).errors["email"] == [
        "Enter an email address in the correct format, like name@example.org.uk"
    ]


def test_withdraw_form_accepts_the_reference_typed_loosely():
    form = WithdrawForm(
        {"reference": " til 7k3m-9qx2 ", "confirm": "on"},
        expected_reference="TIL-7K3M-9QX2",
    )
    assert form.is_valid(), form.errors
    form = WithdrawForm(
        {"reference": "TIL-AAAA-AAAA", "confirm": "on"},
        expected_reference="TIL-7K3M-9QX2",
    )
    assert form.errors["reference"][0].startswith("The reference does not match")


def test_honeypot_marks_filled_forms_as_spam():
    assert StartForm({"website": "http://spam.example"}).is_spam
    assert not StartForm({"website": ""}).is_spam


def test_email_link_form_has_the_honeypot():
    assert EmailLinkForm({"email": "me@example.org", "website": "x"}).is_spam
    form = EmailLinkForm({"email": "me@example.org", "website": ""})
    assert not form.is_spam
    assert form.is_valid()
    assert form.cleaned_data["email"] == "me@example.org"


# ------------------------------------------------------------------------------
# Property-based: arbitrary posts never raise and never store a bad answer.
# ------------------------------------------------------------------------------
VALUE = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        ["yes", "no", "other", "prefer_not_to_say", "dont_know", "hackney", "a", ""]
    ),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=4000, max_size=4100),
)
POST = st.dictionaries(
    st.sampled_from(
        [
            "consent",
            "sector",
            "sector_other",
            "agree",
            "yn",
            "boroughs",
            "barriers",
            "barriers_other",
            "role",
            "story",
            "staff",
            "junk",
        ]
    ),
    st.lists(VALUE, max_size=4),
)


@pytest.fixture(scope="module")
def every_type():
    return [
        _question(code="consent", type=Question.Type.CONSENT, required=True),
        _question(code="sector", other_text=True, prefer_not_to_say=True),
        _question(code="agree", type=Question.Type.AGREEMENT),
        _question(code="yn", type=Question.Type.YES_NO),
        _question(
            code="boroughs",
            type=Question.Type.BOROUGH,
            multiple=True,
            prefer_not_to_say=True,
        ),
        _question(code="barriers", type=Question.Type.MULTIPLE, other_text=True),
        _question(code="role", type=Question.Type.SHORT_TEXT, max_length=200),
        _question(code="story", type=Question.Type.LONG_TEXT, max_length=4000),
        _question(code="staff", type=Question.Type.NUMBER),
    ]


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=POST)
def test_section_form_survives_any_post_and_stores_only_allowed_answers(
    every_type, data
):
    form = SectionForm(MultiValueDict(data), questions=every_type)
    if not form.is_valid():
        assert form.errors
        for messages in form.errors.values():
            assert all(isinstance(m, str) and m for m in messages)
        answers = form.valid_answers()
    else:
        answers = form.answers()
    by_code = {q.code: q for q in every_type}
    for key, value in answers.items():
        if key.endswith("_other"):
            assert isinstance(value, str) and len(value) <= 200
            continue
        question = by_code[key]
        allowed = {o["code"] for o in question.options_with_labels()}
        if question.type in (Question.Type.SHORT_TEXT, Question.Type.LONG_TEXT):
            assert isinstance(value, str) and 0 < len(value) <= question.max_length
            assert "\x00" not in value
        elif question.type == Question.Type.NUMBER:
            assert isinstance(value, int) and 0 <= value <= 1_000_000
        elif question.is_multi_valued:
            assert set(value) <= allowed
        else:
            assert value in allowed


@settings(max_examples=150, deadline=None)
@given(
    data=st.dictionaries(
        st.sampled_from(
            ["contact", "name", "email", "phone", "role", "organisation", "x"]
        ),
        st.text(max_size=300),
    )
)
def test_contact_form_survives_any_post(data):
    form = ContactChoiceForm(data)
    if form.is_valid():
        assert form.cleaned_data["contact"] in ("yes", "no")
        if form.cleaned_data["contact"] == "yes":
            assert form.cleaned_data["name"] and "@" in form.cleaned_data["email"]


@settings(max_examples=150, deadline=None)
@given(
    data=st.dictionaries(st.sampled_from(["email", "website"]), st.text(max_size=400))
)
def test_email_and_start_forms_survive_any_post(data):
    EmailLinkForm(data).is_valid()
    assert StartForm(data).is_spam == bool(data.get("website", "").strip())


@settings(max_examples=150, deadline=None)
@given(
    data=st.dictionaries(
        st.sampled_from(["reference", "confirm"]), st.text(max_size=100)
    )
)
def test_withdraw_form_survives_any_post(data):
    form = WithdrawForm(data, expected_reference="TIL-7K3M-9QX2")
    if form.is_valid():
        assert form.cleaned_data["reference"].replace("-", "") == "TIL7K3M9QX2"
