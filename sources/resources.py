"""Spreadsheet import and export of sources (django-import-export)."""

import re

from import_export import fields, resources, widgets

from sources.models import LOADED_FIELDS, ResourceUse, Source


class AllOrNothingResource(resources.ModelResource):
    """An import that saves every row or, if any row is wrong, none of them."""

    def import_data(self, dataset, **kwargs):
        """Roll back on row errors and on validation errors alike."""
        kwargs["rollback_on_validation_errors"] = True
        kwargs["use_transactions"] = True
        return super().import_data(dataset, **kwargs)


class UsesWidget(widgets.Widget):
    """Resource uses in one cell: "training; measurement"."""

    def clean(self, value, row=None, **kwargs):
        """The codes; an unknown one fails the row."""
        codes = [c.strip() for c in re.split(r"[;,]", str(value or "")) if c.strip()]
        unknown = [code for code in codes if code not in ResourceUse.values]
        if unknown:
            raise ValueError(
                f"Unknown use {', '.join(repr(c) for c in unknown)}. Use one or "
                f"more of: {', '.join(ResourceUse.values)}"
            )
        return codes

    def render(self, value, obj=None, **kwargs):
        """Codes joined with "; "."""
        return "; ".join(value or [])


class SourceResource(AllOrNothingResource):
    """One row per source; the code identifies a row on import."""

    uses = fields.Field(attribute="uses", column_name="uses", widget=UsesWidget())

    class Meta:
        model = Source
        import_id_fields = ("code",)
        # The code, then what the loader writes (one list for both).
        fields = ("code", *LOADED_FIELDS)
        export_order = fields
        # The model's own rules (a title, the date format, the kind) give row
        # errors in the preview.
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
