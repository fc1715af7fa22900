"""Admin for codebooks, with the coding, double-coding and themes pages.

Only staff holding the coding permissions (analysts, admins) see any of it;
every change to a codebook or its codes is recorded in the audit trail.
"""

from functools import partial

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from coding import services
from coding.forms import CodebookCopyForm, CodeForm
from coding.models import Code, Codebook
from coding.views import agreement, coding_page, themes


class CodeInline(admin.StackedInline):
    """The codes of a codebook: name, definition, when to use, parent, colour."""

    model = Code
    form = CodeForm
    fk_name = "codebook"
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            book = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Code.objects.filter(
                codebook_id=book if str(book).isdigit() else 0, parent__isnull=True
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Codebook)
class CodebookAdmin(admin.ModelAdmin):
    """A wave's codebook; its links lead to the coding pages."""

    inlines = [CodeInline]
    fields = ["wave", "is_demo"]
    list_display = ["__str__", "code_count", "pages"]
    list_select_related = ["wave"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_codes=Count("codes"))

    def get_readonly_fields(self, request, obj=None):
        return ["wave"] if obj is not None else []

    @admin.display(description="Codes", ordering="n_codes")
    def code_count(self, codebook):
        return codebook.n_codes

    @admin.display(description="Pages")
    def pages(self, codebook):
        return format_html(
            '<a href="{}">Code answers</a> · <a href="{}">Double coding</a> · '
            '<a href="{}">Suggest themes</a>',
            reverse("admin:coding_codebook_code", args=[codebook.pk]),
            reverse("admin:coding_codebook_samples", args=[codebook.pk]),
            reverse("admin:coding_codebook_themes", args=[codebook.pk]),
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.changed_data or not change:
            services.codebook_change_record(
                user=request.user,
                obj=obj,
                change="changed" if change else "created",
                detail={"fields": form.changed_data},
            )

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for code in formset.new_objects:
            services.codebook_change_record(
                user=request.user, obj=code, change="code added"
            )
        for code, fields in formset.changed_objects:
            services.codebook_change_record(
                user=request.user,
                obj=code,
                change="code changed",
                detail={"fields": fields},
            )
        for code in formset.deleted_objects:
            services.codebook_change_record(
                user=request.user,
                obj=form.instance,
                change="code deleted",
                detail={"code": str(code)},
            )

    def delete_model(self, request, obj):
        services.codebook_change_record(user=request.user, obj=obj, change="deleted")
        super().delete_model(request, obj)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("copy/", wrap(self.copy_view), name="coding_codebook_copy"),
            path(
                "<path:object_id>/code/",
                wrap(partial(coding_page.coding_view, self)),
                name="coding_codebook_code",
            ),
            path(
                "<path:object_id>/double-coding/",
                wrap(partial(agreement.samples_view, self)),
                name="coding_codebook_samples",
            ),
            path(
                "<path:object_id>/double-coding/<int:sample_id>/",
                wrap(partial(agreement.agreement_view, self)),
                name="coding_codebook_agreement",
            ),
            path(
                "<path:object_id>/themes/",
                wrap(partial(themes.themes_view, self)),
                name="coding_codebook_themes",
            ),
            *super().get_urls(),
        ]

    def codebook_or_404(self, request, object_id) -> Codebook:
        """The codebook, if this user may see it."""
        codebook = coding_page.codebook_or_404(self, request, object_id)
        if not self.has_view_permission(request, codebook):
            raise PermissionDenied
        return codebook

    def copy_view(self, request):
        """Start a wave's codebook as a copy of another wave's, so waves compare."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = CodebookCopyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                codebook = services.codebook_copy(
                    source=form.cleaned_data["source"],
                    wave=form.cleaned_data["wave"],
                    user=request.user,
                )
            except services.CodingRefused as refused:
                form.add_error("wave", str(refused))
            else:
                messages.success(request, f"{codebook} created as a copy.")
                return redirect("admin:coding_codebook_change", codebook.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": "Copy a codebook from another wave",
            "opts": self.opts,
            "form": form,
        }
        return TemplateResponse(request, "admin/coding/copy.html", context)
