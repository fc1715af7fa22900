"""Admin for waves and their questionnaire: staff edit sections and questions."""

from django.contrib import admin
from django.utils import timezone

from survey.admin.question_form import QuestionAdminForm
from survey.models import (
    Question,
    Questionnaire,
    Section,
    Wave,
)

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
        # Analysts also set it from the dashboard, beside the coverage it drives.
        ("Coverage", {"fields": ["coverage_target"]}),
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
