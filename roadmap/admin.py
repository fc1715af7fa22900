"""Admin for the roadmap: VRU editors keep its content; results are read-only."""

from django.contrib import admin
from django.db import models
from django.db.models import Count

from roadmap.models import (
    Action,
    DomainDescription,
    DomainStage,
    Milestone,
    Phase,
    PhaseLink,
    RoadmapText,
    SelfAssessment,
    StageDescription,
    Statement,
)
from vocabulary.time import london_today


@admin.register(RoadmapText)
class RoadmapTextAdmin(admin.ModelAdmin):
    """Page introductions and the scoring rule in words."""

    list_display = ["__str__", "key"]
    fields = ["key", "text"]

    def get_readonly_fields(self, request, obj=None):
        """The key is fixed once saved."""
        # Pages look a text up by its key, so a saved key never changes.
        return ["key"] if obj else []


class MilestoneInline(admin.TabularInline):
    """Moments within a phase: planned, or reported as done, each with its source."""

    model = Milestone
    extra = 0
    fields = ["when", "text", "status", "source", "order"]
    autocomplete_fields = ["source"]


class PhaseLinkInline(admin.TabularInline):
    """Links from a phase to pages of the site."""

    model = PhaseLink
    extra = 0
    fields = ["label", "target", "external_url", "order"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    """The four phases; their status comes from their dates, or as a source reports."""

    list_display = ["number", "title", "starts_on", "ends_on", "status_today"]
    list_display_links = ["number", "title"]
    fields = [
        "number",
        "code",
        "title",
        "aim",
        "outputs",
        "sources",
        "reported_status",
        "status_note",
        "status_source",
        "starts_on",
        "ends_on",
    ]
    filter_horizontal = ["sources"]
    inlines = [MilestoneInline, PhaseLinkInline]

    @admin.display(description="Status today")
    def status_today(self, obj):
        """From its dates on today's date in London, or as a source reports it."""
        return obj.status(london_today()).label


@admin.register(StageDescription)
class StageDescriptionAdmin(admin.ModelAdmin):
    """The three stages of the journey."""

    list_display = ["number", "title", "stage"]
    list_display_links = ["number", "title"]
    fields = ["stage", "number", "title", "summary", "practice_levels"]


@admin.register(DomainDescription)
class DomainDescriptionAdmin(admin.ModelAdmin):
    """The seven areas and how they map to SAMHSA's domains."""

    list_display = ["number", "title", "domain"]
    list_display_links = ["number", "title"]
    fields = [
        "domain",
        "number",
        "title",
        "summary",
        "why",
        "samhsa_domains",
        "merged_from",
    ]


class ActionInline(admin.StackedInline):
    """The actions of one framework cell."""

    model = Action
    extra = 0
    fields = ["text", "sectors", "order"]


@admin.register(DomainStage)
class DomainStageAdmin(admin.ModelAdmin):
    """What a stage looks like in an area, its actions and its case-study tags."""

    list_display = ["__str__", "domain", "stage", "action_count"]
    list_filter = ["domain", "stage"]
    search_fields = ["looks_like", "actions__text"]
    fieldsets = [
        (None, {"fields": ["domain", "stage", "looks_like"]}),
        (
            "Tags used to choose case studies",
            {
                "fields": ["rs", "principles", "components"],
                "description": "The area is used as a tag too: a case study must "
                "share it and at least one of these.",
            },
        ),
    ]
    inlines = [ActionInline]

    def get_queryset(self, request):
        """Cells with their number of actions, counted in the same query."""
        return super().get_queryset(request).annotate(action_total=Count("actions"))

    @admin.display(description="Actions", ordering="action_total")
    def action_count(self, obj):
        """How many actions the cell has."""
        return obj.action_total


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    """Self-assessment statements; each is evidence for one stage in one area."""

    list_display = ["code", "text", "domain", "stage", "order"]
    list_filter = ["domain", "stage"]
    search_fields = ["code", "text"]
    fields = ["code", "domain", "stage", "text", "order"]

    def get_readonly_fields(self, request, obj=None):
        """The code is fixed once saved."""
        # Saved answers refer to the code, so it never changes once saved.
        return ["code"] if obj else []


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(admin.ModelAdmin):
    """Anonymous results, read-only: no one, staff included, can edit a result."""

    list_display = ["created_at", "sector", "answered"]
    list_filter = ["sector", "created_at"]
    date_hierarchy = "created_at"
    fields = ["created_at", "sector", "profile", "answers"]
    readonly_fields = fields

    @admin.display(description="Statements rated")
    def answered(self, obj):
        """How many statements the result rated."""
        return len(obj.answers)

    def has_add_permission(self, request):
        """Results come only from the public self-assessment."""
        return False

    def has_change_permission(self, request, obj=None):
        """A result is never edited."""
        return False
