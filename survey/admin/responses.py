"""Submitted responses in the admin: read-only review, filters, exports.

Drafts never appear. Contact details are kept off the list and the detail
page: they open on a page of their own, for analysts and admins, and every
view and deletion is written to the audit trail (audit.AuditEvent).
"""

import re

import tablib
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from import_export.admin import ExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ExportForm

from audit.models import AuditEvent
from audit.services import audit_record
from casestudies.services import case_study_of_response
from survey import services
from survey.models import ContactDetails, Question, Response
from survey.resources import (
    DICTIONARY_HEADERS,
    ResponseResource,
    columns_for_queryset,
    dictionary_rows,
    iso_london,
)
from vocabulary.choices import Borough, Sector

SECTOR_LABELS = dict(Sector.choices) | {"other": "Other"}
BOROUGH_LABELS = dict(Borough.choices)
FREE_TEXT_TYPES = (Question.Type.SHORT_TEXT, Question.Type.LONG_TEXT)
# Response.search_vector's configuration (survey/models.py).
SEARCH_CONFIG = "simple"
# A response's reference, as Response.new_reference makes it (TIL-7K3M-9QX2).
REFERENCE_SHAPE = re.compile(r"^[A-Za-z]{3}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$")
SEARCH_EDGE_PUNCTUATION = ".,;:!?\"'()[]"


class SectorFilter(admin.SimpleListFilter):
    """The respondent's sector, as answered."""

    title = "sector"
    parameter_name = "sector"

    def lookups(self, request, model_admin):
        return [
            (code, label) for code, label in SECTOR_LABELS.items() if code != "policing"
        ]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(sector=self.value())
        return queryset


class BoroughFilter(admin.SimpleListFilter):
    """Any of the boroughs the respondent works in."""

    title = "borough"
    parameter_name = "borough"

    def lookups(self, request, model_admin):
        return Borough.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(boroughs__contains=[self.value()])
        return queryset


class ContactFilter(admin.SimpleListFilter):
    """Whether the respondent agreed to be contacted about a case study."""

    title = "consented to case-study contact"
    parameter_name = "contact"

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(has_contact=self.value() == "yes")
        return queryset


def free_text_search(queryset, term: str):
    """Responses whose organisation or free-text answers hold ``term``.

    A term shaped like a reference finds that response only.

    ``Response.search_text`` holds only the organisation and the answers to
    text questions (and their "Other" boxes), so option codes and JSON keys
    never match. The match is ``icontains`` (``%`` and ``_`` taken literally).
    When the term is plain words, the full-text index (``search_vector``)
    narrows the rows to those holding the words in order, each word found from
    its start, so the substring test runs on those rows only; a single word
    needs no substring test at all. A term starting in the middle of a word
    is therefore not found.
    """
    if REFERENCE_SHAPE.match(term):
        # One indexed lookup; an OR with the text search would stop the
        # planner from using the search index.
        return queryset.filter(reference=term.upper())
    condition = Q(search_text__icontains=term)
    words = search_words(term)
    if not words:
        return queryset.filter(condition)
    # Several words: adjacent (no stop words in 'simple'), whole but for the
    # last, which may start a longer word. One word: the start of a word.
    parts = [*words[:-1], words[-1] + ":*"]
    prefilter = Q(
        search_vector=SearchQuery(
            " <-> ".join(parts), search_type="raw", config=SEARCH_CONFIG
        )
    )
    if len(words) == 1 and words[0] == term.lower():
        # A word starting with the term holds it as a substring: the index
        # answers alone, with no substring test on every matching row.
        return queryset.filter(prefilter)
    return queryset.filter(prefilter & condition)


def search_words(term: str) -> list[str]:
    """The term's words for the full-text prefilter, or none to skip it.

    Only a term made of plain words (letters and digits, with punctuation at
    their ends) is used: PostgreSQL's parser splits anything else (hyphens,
    e-mail addresses, decimals, ``%``) in ways a prefix query could miss.
    """
    words = []
    for chunk in term.split():
        word = chunk.strip(SEARCH_EDGE_PUNCTUATION)
        if not word:
            continue
        if not word.isalnum():
            return []
        words.append(word.lower())
    return words


@admin.register(Response)
class ResponseAdmin(ExportMixin, admin.ModelAdmin):
    """Submitted responses, read-only, with filters, search and exports."""

    resource_classes = [ResponseResource]
    export_formats = [CSV, XLSX]
    export_form_class = ExportForm
    # With a byte-order mark, Excel reads the CSV as UTF-8.
    to_encoding = "utf-8-sig"
    export_template_name = "admin/survey/response/export.html"
    import_export_change_list_template = "admin/survey/response/change_list.html"
    list_display = [
        "reference",
        "wave",
        "submitted",
        "sector_label",
        "borough_names",
        "organisation",
        "has_contact",
    ]
    list_filter = [
        "wave",
        SectorFilter,
        BoroughFilter,
        ("submitted_at", admin.DateFieldListFilter),
        ContactFilter,
    ]
    list_select_related = ["wave"]
    search_fields = ["organisation"]
    search_help_text = (
        "Search by organisation, reference, or words in any free-text answer."
    )
    ordering = ["-submitted_at", "-pk"]
    list_per_page = 50
    # A full COUNT(*) of every response on each page view is not needed.
    show_full_result_count = False
    actions = None

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .submitted()
            # Only searched, never shown: no need to read them.
            .defer("search_text", "search_vector")
            .annotate(
                has_contact=Exists(
                    ContactDetails.objects.filter(response=OuterRef("pk"))
                )
            )
        )

    def get_search_results(self, request, queryset, search_term):
        search_term = search_term.strip()
        if not search_term:
            return queryset, False
        return free_text_search(queryset, search_term), False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_export_permission(self, request):
        return request.user.has_perm("audit.export_responses")

    @admin.display(description="Submitted", ordering="submitted_at")
    def submitted(self, response):
        return timezone.localtime(response.submitted_at).strftime("%d %b %Y %H:%M")

    @admin.display(description="Sector", ordering="sector")
    def sector_label(self, response):
        return SECTOR_LABELS.get(response.sector, response.sector)

    @admin.display(description="Boroughs")
    def borough_names(self, response):
        return ", ".join(BOROUGH_LABELS.get(b, b) for b in response.boroughs)

    @admin.display(description="Contact", boolean=True, ordering="has_contact")
    def has_contact(self, response):
        return response.has_contact

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        wrap = self.admin_site.admin_view
        return [
            path(
                "data-dictionary/",
                wrap(self.data_dictionary_view),
                name="{}_{}_dictionary".format(*info),
            ),
            path(
                "<path:object_id>/contact/",
                wrap(self.contact_view),
                name="{}_{}_contact".format(*info),
            ),
            path(
                "<path:object_id>/contact/delete/",
                wrap(self.contact_delete_view),
                name="{}_{}_contact_delete".format(*info),
            ),
            path(
                "<path:object_id>/case-study/",
                wrap(self.case_study_view),
                name="{}_{}_case_study".format(*info),
            ),
            *super().get_urls(),
        ]

    # ---- Reading one response -------------------------------------------

    def _response_or_404(self, request, object_id) -> Response:
        # get_object answers None for a malformed id too, so that is a 404.
        response = self.get_object(request, unquote(str(object_id)))
        if response is None:
            raise Http404("No submitted response has that id.")
        if not self.has_view_permission(request, response):
            raise PermissionDenied
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Every answer beside its question, in questionnaire order."""
        response = self._response_or_404(request, object_id)
        user = request.user
        context = {
            **self.admin_site.each_context(request),
            "title": f"Response {response.reference}",
            "opts": self.opts,
            "original": response,
            "response": response,
            "submitted": iso_london(response.submitted_at),
            "sections": answered_sections(response),
            "can_view_contact": user.has_perm("survey.view_contactdetails"),
            "can_start_case_study": user.has_perm("audit.start_case_study"),
            "case_study": case_study_of_response(response.pk),
            "has_delete_permission": self.has_delete_permission(request, response),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/survey/response/detail.html", context)

    def contact_view(self, request, object_id):
        """The contact details, for analysts and admins; each view is recorded."""
        if not request.user.has_perm("survey.view_contactdetails"):
            raise PermissionDenied
        response = self._response_or_404(request, object_id)
        contact = services.contact_details_view(response=response, user=request.user)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Contact details for {response.reference}",
            "opts": self.opts,
            "original": response,
            "contact": contact,
            "can_delete": request.user.has_perm("survey.delete_contactdetails"),
        }
        return TemplateResponse(request, "admin/survey/response/contact.html", context)

    def contact_delete_view(self, request, object_id):
        """Confirm, then delete the contact details alone (the answers stay)."""
        if not request.user.has_perm("survey.delete_contactdetails"):
            raise PermissionDenied
        response = self._response_or_404(request, object_id)
        detail_url = reverse("admin:survey_response_change", args=[response.pk])
        if request.method == "POST":
            if services.contact_details_delete(response=response, user=request.user):
                self.message_user(
                    request,
                    f"Contact details for {response.reference} deleted. "
                    "The answers are kept.",
                )
            return redirect(detail_url)
        context = {
            **self.admin_site.each_context(request),
            "title": "Are you sure?",
            "opts": self.opts,
            "original": response,
            "has_contact": ContactDetails.objects.filter(response=response).exists(),
        }
        return TemplateResponse(
            request, "admin/survey/response/contact_delete.html", context
        )

    def case_study_view(self, request, object_id):
        """Start (or open) the draft case study drawn from this response."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm("audit.start_case_study"):
            raise PermissionDenied
        response = self._response_or_404(request, object_id)
        try:
            case_study = services.response_case_study_start(
                response=response, user=request.user
            )
        except services.NoConsentError:
            self.message_user(
                request,
                "This respondent did not agree to be contacted, so their "
                "example cannot become a case study.",
                messages.ERROR,
            )
            return redirect("admin:survey_response_change", response.pk)
        self.message_user(
            request,
            f"Draft case study “{case_study}” is ready for an editor to finish.",
        )
        return redirect("admin:casestudies_casestudy_change", case_study.pk)

    # ---- Deleting ------------------------------------------------------

    def delete_model(self, request, obj):
        services.response_delete(response=obj, user=request.user)

    # ---- Exports -------------------------------------------------------

    def get_export_filename(self, request, queryset, file_format):
        stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M")
        return f"survey-responses-{stamp}.{file_format.get_extension()}"

    def get_data_for_export(self, request, queryset, **kwargs):
        dataset = super().get_data_for_export(request, queryset, **kwargs)
        export_form = kwargs.get("export_form")
        file_format = ""
        if export_form is not None and export_form.is_valid():
            file_format = self.get_export_formats()[
                int(export_form.cleaned_data["format"])
            ]().get_title()
        audit_record(
            user=request.user,
            action=AuditEvent.Action.EXPORT,
            filters=_filters(request),
            row_count=len(dataset),
            file_format=file_format,
        )
        return dataset

    def get_export_context_data(self, **kwargs):
        return {}

    def init_request_context_data(self, request, form):
        context = super().init_request_context_data(request, form)
        queryset = self.get_export_queryset(request)
        context["response_count"] = queryset.count()
        context["filters"] = _filters(request)
        context["query_string"] = request.GET.urlencode()
        return context

    def data_dictionary_view(self, request):
        """The data dictionary for the waves in the current filter, CSV or XLSX."""
        if not self.has_export_permission(request):
            raise PermissionDenied
        query = request.GET.copy()
        file_format = XLSX() if query.pop("format", ["csv"])[-1] == "xlsx" else CSV()
        request.GET = query
        try:
            queryset = self.get_export_queryset(request)
        except IncorrectLookupParameters:
            return redirect(reverse("admin:survey_response_changelist") + "?e=1")
        columns = columns_for_queryset(queryset)
        dataset = tablib.Dataset(*dictionary_rows(columns), headers=DICTIONARY_HEADERS)
        audit_record(
            user=request.user,
            action=AuditEvent.Action.DATA_DICTIONARY,
            filters=_filters(request),
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


def _filters(request) -> dict:
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
            {"question": question, "answer": answer_text(question, answers)}
        )
    return sections


def answer_text(question: Question, answers: dict) -> list[str]:
    """An answer as lines of text: labels for choices, the words for free text."""
    value = answers.get(question.code)
    lines: list[str]
    if value in (None, "", []):
        lines = []
    elif isinstance(value, list):
        lines = [question.label_for(str(code)) for code in value]
    elif question.type in FREE_TEXT_TYPES or question.type == Question.Type.NUMBER:
        lines = [str(value)]
    else:
        lines = [question.label_for(str(value))]
    other = answers.get(question.other_key)
    if other:
        lines.append(f"Other: {other}")
    return lines
