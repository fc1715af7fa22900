"""The admin's export of submitted responses: a page saying what will be
exported, then the file, written by the one export service.

The file is written to a temporary file a chunk at a time and sent from there,
so memory does not grow with the number of responses.
"""

import tempfile

from django import forms
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from survey.exports.service import FORMATS, responses_export

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ExportForm(forms.Form):
    """The file format of an export."""

    format = forms.ChoiceField(label="Format", choices=[(f, f) for f in FORMATS])


def audit_filters(request) -> dict:
    """The changelist filters and search in force, as recorded in the audit trail."""
    return {
        key: values if len(values) > 1 else values[0]
        for key, values in request.GET.lists()
        if key not in ("format", "_changelist_filters")
    }


def changelist_queryset(model_admin, request):
    """The submitted responses the changelist shows with this request's filters
    and search."""
    return model_admin.get_changelist_instance(request).get_queryset(request)


def export_view(model_admin, request):
    """GET: what the export will hold; POST: the CSV or XLSX file."""
    if not model_admin.has_export_permission(request):
        raise PermissionDenied
    try:
        queryset = changelist_queryset(model_admin, request)
    except IncorrectLookupParameters:
        return redirect(reverse("admin:survey_response_changelist") + "?e=1")
    form = ExportForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        file_format = form.cleaned_data["format"]
        output = tempfile.TemporaryFile()  # FileResponse closes it
        responses_export(
            queryset=queryset,
            file_format=file_format,
            output=output,
            user=request.user,
            filters=audit_filters(request),
        )
        output.seek(0)
        stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M")
        return FileResponse(
            output,
            as_attachment=True,
            filename=f"survey-responses-{stamp}.{file_format}",
            content_type=CONTENT_TYPES[file_format],
        )
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": "Export submitted responses",
        "form": form,
        "response_count": queryset.count(),
        "filters": audit_filters(request),
        "query_string": request.GET.urlencode(),
    }
    return TemplateResponse(request, "admin/survey/response/export.html", context)
