"""Forms for the survey: one built from each page's questions, and the small forms.

Validation is on the server only. Every question is optional except consent.
Free text is kept as typed (only surrounding spaces are trimmed, and Windows line
endings become one character so the count matches what the respondent sees).

The small forms are laid out with crispy-forms-gds (each has a ``helper``),
except the case-study contact opt-in, written by hand in its template for speed
(decision 0005). The question pages are rendered by their own Jinja2 partials
(survey/question_fields.py): each question carries its "Why we ask this", its
"prefer not to say" and its routing, which crispy's layouts have no place for.
"""

import unicodedata

from crispy_forms_gds.layout import HTML, Button, Field, Fixed, Size
from django import forms
from django.core.exceptions import ValidationError

from govuk.forms import form_helper
from survey.models import OTHER, Question
from survey.question_fields import EXCLUSIVE_CODES, QuestionFields
from throttling.forms import HoneypotMixin

OTHER_TEXT_MAX_LENGTH = 200
NUMBER_MAX = 1_000_000

INVALID_CHOICE = "Select an answer from the list"


def _no_unusual_characters(value: str) -> None:
    """Refuse control characters and lone surrogates the database cannot store."""
    for char in value:
        if char in "\n\t":
            continue
        if unicodedata.category(char) in ("Cc", "Cs"):
            raise ValidationError(
                "Remove the unusual characters from your answer", code="control"
            )


class AnswerTextField(forms.CharField):
    """A free-text answer, stored as typed and bounded in length."""

    def __init__(self, *, max_length: int, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(
            max_length=max_length,
            error_messages={"max_length": f"Enter {max_length:,} characters or fewer"},
            **kwargs,
        )
        self.validators.append(_no_unusual_characters)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return super().to_python(value)


def _field_for(question: Question) -> forms.Field:
    choices = [(o["code"], o["label"]) for o in question.options_with_labels()]
    messages = {"invalid_choice": INVALID_CHOICE, "invalid_list": INVALID_CHOICE}
    qtype = question.type
    if qtype == Question.Type.CONSENT:
        return forms.BooleanField(
            required=question.required,
            error_messages={
                "required": "Confirm that you have read the privacy information "
                "and agree to take part"
            },
        )
    if question.is_multi_valued:
        return forms.MultipleChoiceField(
            choices=choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            error_messages=messages,
        )
    if qtype in (
        Question.Type.SINGLE,
        Question.Type.AGREEMENT,
        Question.Type.YES_NO,
        Question.Type.BOROUGH,
    ):
        return forms.ChoiceField(
            choices=choices,
            required=False,
            widget=forms.RadioSelect,
            error_messages=messages,
        )
    if qtype == Question.Type.NUMBER:
        return forms.IntegerField(
            required=False,
            min_value=0,
            max_value=NUMBER_MAX,
            error_messages={
                "invalid": "Enter a whole number, like 12",
                "min_value": "Enter a number that is 0 or more",
                "max_value": f"Enter a number that is {NUMBER_MAX:,} or less",
            },
        )
    default_limit = 200 if qtype == Question.Type.SHORT_TEXT else 4000
    return AnswerTextField(max_length=question.max_length or default_limit)


class SectionForm(forms.Form):
    """The questions on one page, built from Question rows."""

    def __init__(self, *args, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[question.code] = _field_for(question)
            if question.other_text:
                self.fields[question.other_key] = AnswerTextField(
                    max_length=OTHER_TEXT_MAX_LENGTH
                )

    @classmethod
    def initial_from(cls, questions: list[Question], answers: dict) -> dict:
        """Initial values for a page from the stored answers."""
        initial = {}
        for question in questions:
            value = answers.get(question.code)
            if question.type == Question.Type.CONSENT:
                value = value == "yes"
            if value is not None:
                initial[question.code] = value
            if question.other_text and question.other_key in answers:
                initial[question.other_key] = answers[question.other_key]
        return initial

    def question_fields(self) -> list[QuestionFields]:
        """Each question with its bound fields, for the template."""
        return [
            QuestionFields(
                question=question,
                field=self[question.code],
                other=self[question.other_key] if question.other_text else None,
            )
            for question in self.questions
        ]

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            if question.code not in cleaned:
                continue  # already has an error
            if question.other_text and cleaned.get(question.other_key):
                self._clean_other(question, cleaned)
            value = cleaned.get(question.code)
            values = value if isinstance(value, list) else [value]
            if question.is_multi_valued and len(values) > 1:
                for code in EXCLUSIVE_CODES:
                    if code in values:
                        label = question.label_for(code)
                        self.add_error(
                            question.code,
                            ValidationError(
                                f"Select \u2018{label}\u2019 on its own, "
                                "or unselect it",
                                code="exclusive",
                            ),
                        )
        return cleaned

    def _clean_other(self, question: Question, cleaned: dict) -> None:
        """Text in the "Other" box counts only with "Other", or with no answer.

        The box is revealed under "Other" (GOV.UK conditional reveal); choosing
        something else hides it but the browser still sends what was typed, so
        that text is dropped. With no answer chosen, the text means "Other"
        (without JavaScript the box is always shown, and people may not tick).
        """
        value = cleaned.get(question.code)
        if value in (None, "", []):
            cleaned[question.code] = [OTHER] if question.is_multi_valued else OTHER
        elif value != OTHER and (not question.is_multi_valued or OTHER not in value):
            cleaned[question.other_key] = ""

    def answers(self) -> dict:
        """The page's answers as stored: codes to values, skipped ones left out."""
        answers: dict = {}
        for question in self.questions:
            value = self.cleaned_data.get(question.code)
            if question.type == Question.Type.CONSENT:
                value = "yes" if value else None
            if value in (None, "", []):
                continue
            answers[question.code] = value
            if question.other_text and self.cleaned_data.get(question.other_key):
                answers[question.other_key] = self.cleaned_data[question.other_key]
        return answers

    def valid_answers(self) -> dict:
        """Answers from the fields that passed validation, even if others failed."""
        if not hasattr(self, "cleaned_data"):
            self.full_clean()
        return {
            key: value
            for key, value in self.answers().items()
            if key not in self.errors
        }


class StartForm(HoneypotMixin):
    """The start page's "Start now" button."""


class SubmitForm(HoneypotMixin):
    """The check-answers page's "Submit" button."""


class ContactChoiceForm(forms.Form):
    """Whether the respondent may be contacted about a case study, and how."""

    contact = forms.ChoiceField(
        label="Can we contact you about your example for a case study?",
        choices=[("yes", "Yes, you can contact me"), ("no", "No, do not contact me")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if we can contact you about a case study",
            "invalid_choice": INVALID_CHOICE,
        },
    )
    name = AnswerTextField(max_length=200, label="Your name")
    email = forms.EmailField(
        required=False,
        max_length=254,
        label="Email address",
        error_messages={
            "invalid": "Enter an email address in the correct format, like "
            "name@example.org.uk",
            "max_length": "Enter 254 characters or fewer",
        },
    )
    phone = AnswerTextField(max_length=40, label="Phone number (optional)")
    role = AnswerTextField(max_length=200, label="Job title (optional)")
    organisation = AnswerTextField(max_length=200, label="Organisation (optional)")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("contact") == "yes":
            if not cleaned.get("name") and "name" not in self.errors:
                self.add_error("name", ValidationError("Enter your name", "required"))
            if not cleaned.get("email") and "email" not in self.errors:
                self.add_error(
                    "email", ValidationError("Enter your email address", "required")
                )
        return cleaned


class EmailLinkForm(HoneypotMixin):
    """An address to send the resume link to; it is used once and not stored."""

    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like "
            "name@example.org.uk",
            "max_length": "Enter 254 characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.text("email", autocomplete="email", spellcheck="false"),
            # The same hand-written honeypot as the start and submit forms.
            HTML('{% include "survey/includes/honeypot.html" %}'),
            Button.secondary("send", "Send the link"),
        )


class WithdrawForm(forms.Form):
    """Confirm withdrawal with the reference from the confirmation page."""

    reference = forms.CharField(
        label="Your reference",
        max_length=20,
        help_text="For example, TIL-7K3M-9QX2. It is on your confirmation page.",
        error_messages={
            "required": "Enter your reference",
            "max_length": "Enter your reference, like TIL-7K3M-9QX2",
        },
    )
    confirm = forms.BooleanField(
        label="I want to withdraw my answers. I understand they will be deleted "
        "and cannot be recovered.",
        error_messages={"required": "Confirm that you want to withdraw your answers"},
    )

    def __init__(self, *args, expected_reference: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected_reference = expected_reference
        self.helper = form_helper(
            Field.text(
                "reference",
                label_size=Size.SMALL,
                field_width=Fixed.TWENTY,
                autocomplete="off",
                spellcheck="false",
            ),
            Field.checkbox("confirm"),
            Button.warning("withdraw", "Withdraw and delete my response"),
        )

    def clean_reference(self):
        typed = self.cleaned_data["reference"].strip().upper().replace(" ", "")
        if typed.replace("-", "") != self.expected_reference.replace("-", ""):
            raise ValidationError(
                "The reference does not match this response. Check your "
                "confirmation page",
                code="mismatch",
            )
        return typed
