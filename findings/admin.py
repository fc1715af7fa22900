"""Admin for findings releases: analysts draft, preview, publish and unpublish."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import path, reverse

from coding.models import Code
from findings import services
from findings.models import FindingsMainPoint, FindingsRelease, FindingsTheme
from findings.page import release_context
from findings.points import figure_choices

PUBLISH = "findings.publish_findingsrelease"


class FindingsReleaseForm(forms.ModelForm):
    """The release's own fields; refused whole while the release is published."""

    class Meta:
        model = FindingsRelease
        fields = ["wave", "title", "summary", "who_was_asked", "is_demo"]

    def clean(self):
        """A published release is frozen: unpublish it before changing it."""
        cleaned = super().clean()
        try:
            services.release_check_editable(self.instance)
        except services.ReleaseRefused as refused:
            raise ValidationError(str(refused), code="published") from refused
        return cleaned


class FrozenWhenPublished:
    """An inline that cannot be changed while its release is published."""

    def _frozen(self, obj) -> bool:
        return obj is not None and obj.is_published

    def has_add_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_delete_permission(request, obj)


class FindingsThemeInline(FrozenWhenPublished, admin.StackedInline):
    """Themes from the free text, written by the analyst."""

    model = FindingsTheme
    extra = 0
    fields = ["heading", "text", "order", "code"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Only codes of the release's own wave; none on a new release.
        if db_field.name == "code":
            release = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = (
                Code.objects.filter(codebook__wave__findings_release=release)
                if str(release).isdigit()
                else Code.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class MainPointForm(forms.ModelForm):
    """A main point; its figure is chosen from the wave's questions, never typed."""

    figure = forms.ChoiceField(
        required=False,
        help_text="The published figure put in where the text says {figure}.",
    )

    class Meta:
        model = FindingsMainPoint
        fields = ["text", "figure", "order"]


class FindingsMainPointInline(FrozenWhenPublished, admin.TabularInline):
    """Up to six main points, shown first on the release."""

    model = FindingsMainPoint
    form = MainPointForm
    extra = 0
    max_num = FindingsMainPoint.MAX_PER_RELEASE

    def get_formset(self, request, obj=None, **kwargs):
        """Offer the figures of this release's wave."""
        formset = super().get_formset(request, obj, **kwargs)
        questions = services.question_specs(obj.wave) if obj is not None else {}
        formset.form.base_fields["figure"].choices = figure_choices(questions)
        return formset


@admin.register(FindingsRelease)
class FindingsReleaseAdmin(admin.ModelAdmin):
    """Releases; a published one is read-only until it is unpublished."""

    form = FindingsReleaseForm
    inlines = [FindingsMainPointInline, FindingsThemeInline]
    list_display = ["title", "wave", "status", "is_demo", "published_at"]
    list_filter = ["status"]
    list_select_related = ["wave"]
    readonly_fields = ["status", "published_at", "published_by"]
    change_form_template = "admin/findings/findingsrelease/change_form.html"

    def get_readonly_fields(self, request, obj=None):
        """Everything is read-only once published."""
        if obj is not None and obj.is_published:
            return [*FindingsReleaseForm.Meta.fields, *self.readonly_fields]
        return self.readonly_fields

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/preview/",
                wrap(self.preview_view),
                name="{}_{}_preview".format(*info),
            ),
            path(
                "<path:object_id>/publish/",
                wrap(self.publish_view),
                name="{}_{}_publish".format(*info),
            ),
            path(
                "<path:object_id>/unpublish/",
                wrap(self.unpublish_view),
                name="{}_{}_unpublish".format(*info),
            ),
            *super().get_urls(),
        ]

    def _release_or_404(self, request, object_id) -> FindingsRelease:
        release = self.get_object(request, unquote(str(object_id)))
        if release is None:
            raise Http404("No findings release has that id.")
        if not self.has_view_permission(request, release):
            raise PermissionDenied
        return release

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The form, with preview, publish and unpublish beside it."""
        release = self.get_object(request, unquote(str(object_id)))
        context = {
            "can_publish": request.user.has_perm(PUBLISH),
            "release": release,
            **(extra_context or {}),
        }
        if release is not None and release.is_published and request.method == "GET":
            messages.info(
                request,
                "This release is published, so it cannot be changed. Unpublish it "
                "first, make your changes, then publish it again.",
            )
        return super().change_view(request, object_id, form_url, context)

    def preview_view(self, request, object_id):
        """Exactly what the public page would show if published now."""
        release = self._release_or_404(request, object_id)
        snapshot = services.release_snapshot(release=release)
        context = release_context(snapshot)
        context |= {
            "preview": True,
            "release": release,
            "wave_open": not release.wave.status() == "closed",
            "change_url": reverse(
                "admin:findings_findingsrelease_change", args=[release.pk]
            ),
        }
        return render(request, "findings/detail.html", context)

    def _act(self, request, object_id, action, done: str):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm(PUBLISH):
            raise PermissionDenied
        release = self._release_or_404(request, object_id)
        try:
            action(release=release, user=request.user)
        except services.ReleaseRefused as refused:
            self.message_user(request, str(refused), level=messages.ERROR)
        else:
            self.message_user(request, done.format(release=release))
        return redirect("admin:findings_findingsrelease_change", release.pk)

    def publish_view(self, request, object_id):
        """Freeze the figures and publish; recorded in the audit trail."""
        return self._act(
            request,
            object_id,
            services.release_publish,
            "“{release}” is published. Its figures are frozen as shown in the preview.",
        )

    def unpublish_view(self, request, object_id):
        """Take the release off the public pages; recorded in the audit trail."""
        return self._act(
            request,
            object_id,
            services.release_unpublish,
            "“{release}” is no longer published. You can now change it.",
        )
