"""Submitted responses as a django-import-export ``Resource``, for the admin."""

from import_export import resources
from import_export.fields import Field

from survey.exports.cells import cell_from_text
from survey.exports.columns import Column, columns_for_queryset
from survey.exports.extensions import extension_cells
from survey.exports.rows import export_queryset, row_builder
from survey.redaction import redactions_for


class ResponseResource(resources.Resource):
    """Submitted responses for django-import-export, laid out as ``columns`` says.

    Its columns depend on the waves being exported, so they are worked out
    in ``before_export`` from the (filtered) queryset.
    """

    def __init__(self, columns: list[Column] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.columns = columns
        self._build = None

    @classmethod
    def get_display_name(cls):
        return "Submitted responses"

    def before_export(self, queryset, **kwargs):
        if self.columns is None:
            self.columns = columns_for_queryset(queryset)
        self.fields = {
            column.name: Field(column_name=column.name) for column in self.columns
        }
        self._build = row_builder(
            self.columns,
            redactions_for(queryset),
            extension_cells(queryset, self.columns),
        )

    def get_export_headers(self, selected_fields=None):
        return [cell_from_text(column.name) for column in self.columns or []]

    def filter_export(self, queryset, **kwargs):
        return export_queryset(queryset)

    def export_resource(self, instance, selected_fields=None, **kwargs):
        return self._build(instance)
