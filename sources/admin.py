"""Sources in the admin: editors add and correct the publications the site cites."""

from django import forms
from django.contrib import admin
from django.db import models
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX

from sources.models import ResourceUse, Source
from sources.resources import SourceResource


@admin.register(Source)
class SourceAdmin(ImportExportModelAdmin):
    """One row per publication; case studies and the roadmap pick from these."""

    resource_classes = [SourceResource]
    import_formats = [CSV, XLSX]
    export_formats = [CSV, XLSX]
    list_display = ("title", "author", "published", "kind", "is_resource")
    list_filter = ("kind", "is_resource")
    search_fields = ("title", "author", "code", "description")
    prepopulated_fields = {"code": ("title",)}
    fieldsets = (
        (None, {"fields": ("title", "code", "author", "published", "kind", "url")}),
        ("More about it", {"fields": ("description",)}),
        (
            "Resources page",
            {"fields": ("is_resource", "good_for", "uses", "resource_order")},
        ),
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """Uses as checkboxes; addresses typed without a scheme are https."""
        if db_field.name == "uses":
            return forms.TypedMultipleChoiceField(
                choices=ResourceUse.choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                label="Uses",
                help_text=db_field.help_text,
            )
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)
