"""The admin's question form: the questionnaire loader's rules, applied to edits."""

from django import forms
from django.core.exceptions import ValidationError

from survey.models import (
    OTHER,
    PREFER_NOT_TO_SAY,
    Question,
    Response,
)

# The loader's per-question rules, reused so the admin and the YAML file agree.
from survey.questionnaire import CODE_PATTERN, DefinitionError, _check_question


class QuestionAdminForm(forms.ModelForm):
    """Checks that keep a staff edit from breaking routing, exports or pages."""

    class Meta:
        model = Question
        fields = [
            "section",
            "order",
            "code",
            "type",
            "text",
            "why",
            "hint",
            "required",
            "prefer_not_to_say",
            "other_text",
            "multiple",
            "max_length",
            "options",
            "show_if",
        ]

    def clean_code(self):
        code = self.cleaned_data["code"]
        if not CODE_PATTERN.match(code):
            raise ValidationError(
                "Use lower-case letters, digits and underscores, starting with a "
                "letter (up to 40 characters)",
                code="code_format",
            )
        return code

    def clean_options(self):
        options = self.cleaned_data.get("options") or []
        if not isinstance(options, list) or not all(
            isinstance(o, dict)
            and CODE_PATTERN.match(str(o.get("code", "")))
            and str(o.get("label", "")).strip()
            for o in options
        ):
            raise ValidationError(
                'Enter a list like [{"code": "nhs", "label": "NHS"}]', code="options"
            )
        codes = [o["code"] for o in options]
        if len(set(codes)) != len(codes) or {OTHER, PREFER_NOT_TO_SAY} & set(codes):
            raise ValidationError(
                "Option codes must be unique; other and prefer_not_to_say are added "
                "by the ticks below",
                code="option_codes",
            )
        return options

    def clean_show_if(self):
        show_if = self.cleaned_data.get("show_if") or {}
        if show_if and not (
            isinstance(show_if, dict)
            and set(show_if) == {"question", "in"}
            and isinstance(show_if["question"], str)
            and isinstance(show_if["in"], list)
            and all(isinstance(c, str) for c in show_if["in"])
        ):
            raise ValidationError(
                'Enter {} or {"question": "sector", "in": ["nhs"]}', code="show_if"
            )
        return show_if

    def clean(self):
        cleaned = super().clean()
        section, code = cleaned.get("section"), cleaned.get("code")
        if section is None and self.instance.section_id:
            section = self.instance.section
        if section and code:
            clash = Question.objects.filter(wave_id=section.wave_id, code=code)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "code",
                    ValidationError(
                        "Another question in this wave already uses this code",
                        code="duplicate_code",
                    ),
                )
        if cleaned.get("type") in (Question.Type.SINGLE, Question.Type.MULTIPLE):
            if not cleaned.get("options"):
                self.add_error(
                    "options",
                    ValidationError("Add the options", code="options_missing"),
                )
        if section is None or self.errors:
            return cleaned
        proposed = self._proposed(cleaned)
        if self.instance.pk:
            self._check_answers_stay_readable(proposed)
        if not self.errors:
            self._check_as_the_loader_would(proposed, section)
        return cleaned

    def _proposed(self, cleaned) -> Question:
        """The question as it would be saved (read-only fields keep their values)."""
        values = {
            name: cleaned[name] if name in self.fields else getattr(self.instance, name)
            for name in self.Meta.fields
            if name != "section"
        }
        return Question(pk=self.instance.pk, **values)

    def _check_answers_stay_readable(self, proposed: Question) -> None:
        """Refuse changes that would orphan submitted answers stored by code."""
        old = self.instance
        if not Response.objects.filter(wave_id=old.wave_id).submitted().exists():
            return
        reason = "once the wave has submitted responses"
        for field in ("code", "type", "multiple"):
            if field in self.fields and getattr(proposed, field) != getattr(old, field):
                self.add_error(
                    field,
                    ValidationError(
                        f"The {field} cannot be changed {reason}",
                        code=f"answered_{field}",
                    ),
                )
        removed = {o["code"] for o in old.options_with_labels()} - {
            o["code"] for o in proposed.options_with_labels()
        }
        if removed and not self.errors:
            field = "options" if "options" in self.fields else None
            self.add_error(
                field,
                ValidationError(
                    f"Options cannot be removed {reason}: "
                    f"put back {', '.join(sorted(removed))}",
                    code="answered_option_removed",
                ),
            )

    def _check_as_the_loader_would(self, proposed: Question, section) -> None:
        """Run the questionnaire file's own rules over the wave with this edit.

        ``_check_question`` is what ``load_questionnaire`` applies to each
        question of a file, in order, so routing must point back to an earlier
        choice question and to option codes it has. Questions that route on
        this one are checked again, so an edit cannot strand them either.
        """
        wave_id = self.instance.wave_id or section.wave_id
        others = (
            Question.objects.filter(wave_id=wave_id)
            .exclude(pk=self.instance.pk)
            .select_related("section")
        )
        sequence = [(_position(q, q.section), q) for q in others]
        sequence.append((_position(proposed, section), proposed))
        sequence.sort(key=lambda pair: pair[0])
        routed_on = {proposed.code, self.instance.code}
        earlier: dict[str, dict] = {}
        for _, question in sequence:
            as_defined = _as_definition(question)
            try:
                _check_question(as_defined, earlier)
            except DefinitionError as error:
                if question is proposed:
                    self.add_error(
                        self._field_for(str(error)),
                        ValidationError(str(error), code="definition"),
                    )
                elif (question.show_if or {}).get("question") in routed_on:
                    self.add_error(
                        None,
                        ValidationError(
                            f"Question {question.code} routes on this one, and "
                            f"would break: {error}",
                            code="breaks_routing",
                        ),
                    )
            earlier[question.code] = as_defined

    def _field_for(self, message: str) -> str | None:
        """The form field a loader message is about, if it is on the form."""
        # Messages start with the question's code, which may hold any word.
        message = message.split(": ", 1)[-1]
        for words, field in _MESSAGE_FIELDS:
            if words in message:
                return field if field in self.fields else None
        return None


# Which field each of the loader's messages (survey.questionnaire) is about.
_MESSAGE_FIELDS = [
    ("show_if", "show_if"),
    ("text is required", "text"),
    ("why is required", "why"),
    ("are added", "options"),
    ("max_length", "max_length"),
    ("option", "options"),
    ("required", "required"),
    ("type", "type"),
    ("code", "code"),
]


def _position(question: Question, section) -> tuple:
    # Unsaved questions go after saved ones with the same order, as they list.
    return (section.order, question.order, question.pk or float("inf"))


def _as_definition(question: Question) -> dict:
    """A question as the loader reads it from the YAML file."""
    return {
        "code": question.code,
        "type": question.type,
        "text": question.text,
        "why": question.why,
        "required": question.required,
        "options": question.options or [],
        "max_length": question.max_length,
        "show_if": question.show_if or {},
    }
