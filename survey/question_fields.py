"""A question on a survey page, with everything its GOV.UK markup needs.

The question partials (survey/jinja2/survey/questions/) only place these values:
the partial, the ids, the aria-describedby lists and the error classes are
worked out once here, in Python, so that rendering a page costs a few lookups
per question and per option instead of hundreds of nested includes and
comparisons (issue 15).
"""

from django import forms

from survey.models import OTHER, PREFER_NOT_TO_SAY, Question
from survey.questionnaire import FREE_TEXT_CAUTION

# Answers that mean "none of these" and so cannot be ticked with others.
EXCLUSIVE_CODES = ("none", PREFER_NOT_TO_SAY)

TEXT_TYPES = (Question.Type.SHORT_TEXT, Question.Type.LONG_TEXT, Question.Type.NUMBER)


def _shown(value) -> object:
    """A field's value as the box shows it: nothing for None."""
    return "" if value is None else value


class OtherText:
    """The "If you chose other" box of a choice question.

    It sits in a GOV.UK conditional reveal under the "Other" option: always in
    the page (shown without JavaScript), hidden by the script until "Other" is
    chosen, and shown from the start if it holds text or an error.
    """

    hint = FREE_TEXT_CAUTION

    def __init__(self, field: forms.BoundField, *, chosen: bool):
        self.id = field.auto_id
        self.name = field.html_name
        self.value = _shown(field.value())
        self.errors = list(field.errors)
        self.conditional_id = f"{self.id}-conditional"
        self.hidden = not (chosen or self.value or self.errors)
        error_ids = f" {self.id}-error" if self.errors else ""
        self.described_by = f"{self.id}-hint{error_ids}"


class QuestionFields:
    """A question with its bound field and, if any, its "Other" text field."""

    def __init__(
        self,
        *,
        question: Question,
        field: forms.BoundField,
        other: forms.BoundField | None,
    ):
        self.question = question
        self.field = field
        self.other = (
            OtherText(other, chosen=OTHER in self.selected)
            if other is not None
            else None
        )
        qtype = question.type
        qid = self.id = field.auto_id
        self.name = field.html_name
        self.text = question.text
        self.hint = question.hint
        self.why = question.why
        # Errors shown under this question's legend or label; the "Other" box
        # shows its own, but either marks the whole group as in error.
        self.errors = list(field.errors)
        in_error = bool(self.errors or (self.other and self.other.errors))
        error_ids = f" {qid}-error" if self.errors else ""
        hint_ids = f"{qid}-hint " if self.hint else ""
        self.described_by = f"{hint_ids}{qid}-why{error_ids}"
        self.group_class = "govuk-form-group"
        if qtype == Question.Type.CONSENT:
            self.template_name = "survey/questions/consent.html"
            self.described_by = f"{qid}-why{error_ids}"
            self.checked = bool(field.value())
        elif qtype in TEXT_TYPES:
            self.template_name = "survey/questions/text.html"
            self.value = _shown(field.value())
            self.long_text = qtype == Question.Type.LONG_TEXT
            self.number = qtype == Question.Type.NUMBER
            if self.long_text:
                self.max_length = field.field.max_length
                self.group_class += " govuk-character-count"
                self.described_by = f"{qid}-info {self.described_by}"
        else:
            self.template_name = "survey/questions/choices.html"
            self.agreement = qtype == Question.Type.AGREEMENT
            self.multiple = question.is_multi_valued
            self.choices = self._choices()
        if in_error:
            self.group_class += " govuk-form-group--error"

    @property
    def selected(self) -> list[str]:
        """The codes currently chosen, from the post or the stored answers."""
        value = self.field.value()
        if value in (None, ""):
            return []
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]

    def _choices(self) -> list[dict]:
        """Options ready for GOV.UK radios or checkboxes."""
        selected = set(self.selected)
        base_id = self.id
        multiple = self.multiple
        return [
            {
                **option,
                "id": base_id if number == 0 else f"{base_id}-{number}",
                "checked": option["code"] in selected,
                "exclusive": multiple and option["code"] in EXCLUSIVE_CODES,
                "divider": option["code"] == PREFER_NOT_TO_SAY and number > 0,
                "reveals": option["code"] == OTHER and self.other is not None,
            }
            for number, option in enumerate(self.question.options_with_labels())
        ]
