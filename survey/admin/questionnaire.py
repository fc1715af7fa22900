"""Admin for waves and their questionnaire: staff edit sections and questions."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone

from survey.models import (
    OTHER,
    PREFER_NOT_TO_SAY,
    Question,
    Questionnaire,
    Response,
    Section,
    Wave,
)

# The loader's per-question rules, reused so the admin and the YAML file agree.
from survey.questionnaire import CODE_PATTERN, DefinitionError, _check_question

# VRU editors change a wave's texts only; what shapes the data (codes, types,
# options, routing, dates, publication, retention) is for VRU admins. The
# admin role holds survey.add_wave and the editor role does not
# (staff/roles.py), so that permission is what tells them apart; superusers
# hold every permission.
STRUCTURE_PERMISSION = "survey.add_wave"

WAVE_TEXT_FIELDS = {"name", "intro", "privacy_text"}
SECTION_TEXT_FIELDS = {"title", "intro"}
QUESTION_TEXT_FIELDS = {"text", "why", "hint"}


def may_change_structure(request) -> bool:
    """True when the user may change more than a wave's texts."""
    return request.user.has_perm(STRUCTURE_PERMISSION)


def _flat(fields) -> list[str]:
    """Field names from a fields list that may hold tuples (one line each)."""
    names: list[str] = []
    for field in fields:
        names.extend(field if isinstance(field, (list, tuple)) else [field])
    return names


def _fieldset_names(fieldsets) -> list[str]:
    return [name for _, options in fieldsets for name in _flat(options["fields"])]


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


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    """Questionnaire versions as loaded from the repository (read mostly)."""

    list_display = ["title", "code", "version", "estimated_minutes", "loaded_at"]
    readonly_fields = ["source", "loaded_at"]


class SectionInline(admin.TabularInline):
    """The sections of a wave, in order."""

    model = Section
    fields = ["order", "code", "title"]
    extra = 0
    show_change_link = True

    def get_readonly_fields(self, request, obj=None):
        if may_change_structure(request):
            return super().get_readonly_fields(request, obj)
        return [f for f in self.fields if f not in SECTION_TEXT_FIELDS]


@admin.register(Wave)
class WaveAdmin(admin.ModelAdmin):
    """A survey wave: dates in London time, start-page text, publication."""

    list_display = [
        "name",
        "slug",
        "opens_at",
        "closes_at",
        "status_now",
        "is_published",
        "retention_until",
    ]
    list_filter = ["is_published"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SectionInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "questionnaire", "is_published"]}),
        (
            "Dates (London time)",
            {
                "fields": ["opens_at", "closes_at", "retention_until"],
                "description": "Enter London times. The wave is closed from "
                "closes_at on: to close at the end of 10 January, enter "
                "11 January at 00:00.",
            },
        ),
        ("Start page", {"fields": ["intro", "privacy_text"]}),
    ]

    @admin.display(description="Status now")
    def status_now(self, wave):
        return Wave.Status(wave.status(timezone.now())).label

    def get_readonly_fields(self, request, obj=None):
        if may_change_structure(request):
            return super().get_readonly_fields(request, obj)
        names = _fieldset_names(self.fieldsets)
        return [f for f in names if f not in WAVE_TEXT_FIELDS]

    def get_prepopulated_fields(self, request, obj=None):
        # A read-only slug is not a form field, so nothing can fill it in.
        if may_change_structure(request):
            return super().get_prepopulated_fields(request, obj)
        return {}


class QuestionInline(admin.StackedInline):
    """Questions of a section; codes are stable, so change them with care."""

    model = Question
    form = QuestionAdminForm
    fields = [
        ("order", "code", "type"),
        "text",
        "why",
        "hint",
        ("required", "prefer_not_to_say", "other_text", "multiple"),
        "max_length",
        "options",
        "show_if",
    ]
    extra = 0

    def get_readonly_fields(self, request, obj=None):
        if may_change_structure(request):
            return super().get_readonly_fields(request, obj)
        return [f for f in _flat(self.fields) if f not in QUESTION_TEXT_FIELDS]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    """A page of a wave's questionnaire with its questions."""

    list_display = ["title", "code", "wave", "order"]
    list_filter = ["wave"]
    list_select_related = ["wave"]
    inlines = [QuestionInline]

    def get_readonly_fields(self, request, obj=None):
        if may_change_structure(request):
            return super().get_readonly_fields(request, obj)
        return ["wave", "code", "order"]

    def save_formset(self, request, form, formset, change):
        # A question's wave always follows its section's.
        for inline_form in formset.forms:
            if isinstance(inline_form.instance, Question):
                inline_form.instance.wave_id = form.instance.wave_id
        super().save_formset(request, form, formset, change)


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    """Every question, searchable by code and wording."""

    list_display = ["code", "type", "short_text", "section", "wave", "order"]
    list_filter = ["wave", "type"]
    list_select_related = ["section", "wave"]
    search_fields = ["code", "text"]
    form = QuestionAdminForm

    @admin.display(description="Text")
    def short_text(self, question):
        return question.text[:80]

    def get_readonly_fields(self, request, obj=None):
        if may_change_structure(request):
            return super().get_readonly_fields(request, obj)
        return [
            f for f in QuestionAdminForm.Meta.fields if f not in QUESTION_TEXT_FIELDS
        ]

    def save_model(self, request, obj, form, change):
        obj.wave_id = obj.section.wave_id
        super().save_model(request, obj, form, change)
