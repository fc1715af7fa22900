"""Submitted responses in the admin: read-only review, filters, search, exports.

Drafts never appear. Contact details are kept off the list and the detail
page: they open on a page of their own (survey/admin/response_views.py), for
analysts and admins, and every view and deletion is written to the audit
trail (audit.AuditEvent).
"""

import io
from functools import partial

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.urls import path
from django.utils import timezone
from import_export.admin import ExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ExportForm

from govuk.templatetags.respondent_text import respondent_text_html
from survey import services
from survey.admin import response_views
from survey.admin.search import free_text_search
from survey.exports.resource import ResponseResource
from survey.exports.service import responses_export
from survey.models import ContactDetails, Response
from vocabulary.choices import Borough, Sector

SECTOR_LABELS = dict(Sector.choices) | {"other": "Other"}
BOROUGH_LABELS = dict(Borough.choices)


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
        "organisation_text",
        "has_contact",
    ]
    list_filter = [
        "wave",
        SectorFilter,
        BoroughFilter,
        ("submitted_at", admin.DateFieldListFilter),
        ContactFilter,
        # The link a response came through; "empty" is a direct response.
        ("collector", admin.RelatedFieldListFilter),
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
        return request.user.has_perm("survey.export_responses")

    @admin.display(description="Submitted", ordering="submitted_at")
    def submitted(self, response):
        return timezone.localtime(response.submitted_at).strftime("%d %b %Y %H:%M")

    @admin.display(description="Sector", ordering="sector")
    def sector_label(self, response):
        return respondent_text_html(SECTOR_LABELS.get(response.sector, response.sector))

    @admin.display(description="Boroughs")
    def borough_names(self, response):
        return respondent_text_html(
            ", ".join(BOROUGH_LABELS.get(b, b) for b in response.boroughs)
        )

    @admin.display(description="Organisation", ordering="organisation")
    def organisation_text(self, response):
        # The respondent's own words: no direction control may disguise the row.
        return respondent_text_html(response.organisation)

    @admin.display(description="Contact", boolean=True, ordering="has_contact")
    def has_contact(self, response):
        return response.has_contact

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        wrap = self.admin_site.admin_view
        return [
            path(
                "data-dictionary/",
                wrap(partial(response_views.data_dictionary_view, self)),
                name="{}_{}_dictionary".format(*info),
            ),
            path(
                "<path:object_id>/contact/",
                wrap(partial(response_views.contact_view, self)),
                name="{}_{}_contact".format(*info),
            ),
            path(
                "<path:object_id>/contact/delete/",
                wrap(partial(response_views.contact_delete_view, self)),
                name="{}_{}_contact_delete".format(*info),
            ),
            path(
                "<path:object_id>/case-study/",
                wrap(partial(response_views.case_study_view, self)),
                name="{}_{}_case_study".format(*info),
            ),
            *super().get_urls(),
        ]

    # ---- Reading, deleting and exporting ---------------------------------

    def response_or_404(self, request, object_id) -> Response:
        """The submitted response, if this user may see it."""
        # get_object answers None for a malformed id too, so that is a 404.
        response = self.get_object(request, unquote(str(object_id)))
        if response is None:
            raise Http404("No submitted response has that id.")
        if not self.has_view_permission(request, response):
            raise PermissionDenied
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Every answer beside its question, in questionnaire order."""
        return response_views.response_detail(self, request, object_id, extra_context)

    def delete_model(self, request, obj):
        services.response_delete(response=obj, user=request.user)

    def get_export_filename(self, request, queryset, file_format):
        stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M")
        return f"survey-responses-{stamp}.{file_format.get_extension()}"

    def get_export_data(self, file_format, request, queryset, **kwargs):
        """The file, written and recorded by the one export service."""
        if not self.has_export_permission(request):
            raise PermissionDenied
        buffer = io.BytesIO()
        responses_export(
            queryset=queryset,
            file_format=file_format.get_title(),
            output=buffer,
            user=request.user,
            filters=response_views.audit_filters(request),
        )
        return buffer.getvalue()

    def get_export_context_data(self, **kwargs):
        return {}

    def init_request_context_data(self, request, form):
        context = super().init_request_context_data(request, form)
        queryset = self.get_export_queryset(request)
        context["response_count"] = queryset.count()
        context["filters"] = response_views.audit_filters(request)
        context["query_string"] = request.GET.urlencode()
        return context
