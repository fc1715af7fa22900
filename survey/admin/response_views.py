"""The response admin's own pages: one response, its contact details, starting a
case study, and the data dictionary. Each takes the ``ResponseAdmin`` first."""

import tablib
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from import_export.formats.base_formats import CSV, XLSX

from audit.models import AuditEvent
from audit.services import audit_record
from survey import services
from survey.exports.columns import (
    DICTIONARY_HEADERS,
    columns_for_queryset,
    dictionary_rows,
    iso_london,
)
from survey.models import ContactDetails, ExampleCaseStudy, Question, Response


def response_detail(model_admin, request, object_id, extra_context=None):
    """Every answer beside its question, in questionnaire order."""
    response = model_admin.response_or_404(request, object_id)
    user = request.user
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Response {response.reference}",
        "opts": model_admin.opts,
        "original": response,
        "response": response,
        "submitted": iso_london(response.submitted_at),
        "sections": answered_sections(response),
        "can_view_contact": user.has_perm("survey.view_contactdetails"),
        "can_start_case_study": user.has_perm("survey.start_case_study"),
        "case_study": ExampleCaseStudy.case_study_of(response),
        "has_delete_permission": model_admin.has_delete_permission(request, response),
        **(extra_context or {}),
    }
    return TemplateResponse(request, "admin/survey/response/detail.html", context)


def contact_view(model_admin, request, object_id):
    """The contact details, for analysts and admins; each view is recorded."""
    if not request.user.has_perm("survey.view_contactdetails"):
        raise PermissionDenied
    response = model_admin.response_or_404(request, object_id)
    contact = services.contact_details_view(response=response, user=request.user)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Contact details for {response.reference}",
        "opts": model_admin.opts,
        "original": response,
        "contact": contact,
        "can_delete": request.user.has_perm("survey.delete_contactdetails"),
    }
    return TemplateResponse(request, "admin/survey/response/contact.html", context)


def contact_delete_view(model_admin, request, object_id):
    """Confirm, then delete the contact details alone (the answers stay)."""
    if not request.user.has_perm("survey.delete_contactdetails"):
        raise PermissionDenied
    response = model_admin.response_or_404(request, object_id)
    detail_url = reverse("admin:survey_response_change", args=[response.pk])
    if request.method == "POST":
        if services.contact_details_delete(response=response, user=request.user):
            model_admin.message_user(
                request,
                f"Contact details for {response.reference} deleted. "
                "The answers are kept.",
            )
        return redirect(detail_url)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Are you sure?",
        "opts": model_admin.opts,
        "original": response,
        "has_contact": ContactDetails.objects.filter(response=response).exists(),
    }
    return TemplateResponse(
        request, "admin/survey/response/contact_delete.html", context
    )


def case_study_view(model_admin, request, object_id):
    """Start (or open) the draft case study drawn from this response."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.has_perm("survey.start_case_study"):
        raise PermissionDenied
    response = model_admin.response_or_404(request, object_id)
    try:
        case_study = services.response_case_study_start(
            response=response, user=request.user
        )
    except services.NoConsentError:
        model_admin.message_user(
            request,
            "This respondent did not agree to be contacted, so their "
            "example cannot become a case study.",
            messages.ERROR,
        )
        return redirect("admin:survey_response_change", response.pk)
    model_admin.message_user(
        request,
        f"Draft case study “{case_study}” is ready for an editor to finish.",
    )
    return redirect("admin:casestudies_casestudy_change", case_study.pk)


def data_dictionary_view(model_admin, request):
    """The data dictionary for the waves in the current filter, CSV or XLSX."""
    if not model_admin.has_export_permission(request):
        raise PermissionDenied
    query = request.GET.copy()
    file_format = XLSX() if query.pop("format", ["csv"])[-1] == "xlsx" else CSV()
    request.GET = query
    try:
        queryset = model_admin.get_export_queryset(request)
    except IncorrectLookupParameters:
        return redirect(reverse("admin:survey_response_changelist") + "?e=1")
    columns = columns_for_queryset(queryset)
    dataset = tablib.Dataset(*dictionary_rows(columns), headers=DICTIONARY_HEADERS)
    audit_record(
        user=request.user,
        action=AuditEvent.Action.DATA_DICTIONARY,
        filters=audit_filters(request),
        row_count=len(dataset),
        file_format=file_format.get_title(),
    )
    http_response = HttpResponse(
        file_format.export_data(dataset),
        content_type=file_format.get_content_type(),
    )
    filename = f"survey-data-dictionary.{file_format.get_extension()}"
    http_response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return http_response


def audit_filters(request) -> dict:
    """The changelist filters and search in force, as recorded in the audit trail."""
    return {
        key: values if len(values) > 1 else values[0]
        for key, values in request.GET.lists()
        if key not in ("format", "_changelist_filters")
    }


def answered_sections(response: Response) -> list[dict]:
    """The wave's sections in order, each question with the answer shown as text."""
    questions = (
        Question.objects.filter(wave_id=response.wave_id)
        .select_related("section")
        .order_by("section__order", "order", "id")
    )
    answers = response.answers or {}
    sections: list[dict] = []
    for question in questions:
        if not sections or sections[-1]["section"].pk != question.section_id:
            sections.append({"section": question.section, "rows": []})
        sections[-1]["rows"].append(
            {"question": question, "answer": question.answer_text(answers)}
        )
    return sections
