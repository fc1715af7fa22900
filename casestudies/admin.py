"""The case-study library in the admin: editing, publishing, preview, import."""

from django import forms
from django.contrib import admin, messages
from django.contrib.postgres.fields import ArrayField
from django.utils import timezone
from django.utils.html import format_html
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX

from casestudies.models import CaseStudy, CaseStudySource, Figure
from casestudies.resources import CaseStudyResource, FigureResource
from vocabulary.choices import Borough


class CaseStudySourceInline(admin.TabularInline):
    """The sources the case study cites, numbered in this order on the page."""

    model = CaseStudySource
    extra = 1
    fields = ("source", "order")
    autocomplete_fields = ("source",)


class FigureInline(admin.TabularInline):
    """Every number the case study states, with its source and where it is."""

    model = Figure
    extra = 1
    fields = ("text", "source", "location", "order")
    autocomplete_fields = ("source",)


class OrganisationsField(forms.CharField):
    """Organisations one a line, since names may contain commas."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        """The stored list as lines."""
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        """Lines as a list, without blank lines or surrounding spaces."""
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class CaseStudyAdminForm(forms.ModelForm):
    """Cross-field rules for editors, in GOV.UK voice."""

    class Meta:
        model = CaseStudy
        fields = "__all__"  # noqa: DJ007 - staff-only admin form, fieldsets limit it

    def clean(self):
        """Outside London needs the place in words; publishing needs a date."""
        cleaned = super().clean()
        places = cleaned.get("places") or []
        if Borough.OUTSIDE_LONDON in places and not cleaned.get("place_detail"):
            self.add_error(
                "place_detail",
                forms.ValidationError(
                    "Enter where the practice took place, such as West Yorkshire",
                    code="place_detail_required",
                ),
            )
        if cleaned.get("image") and not cleaned.get("image_alt"):
            self.add_error(
                "image_alt",
                forms.ValidationError(
                    "Enter alt text that describes the image", code="alt_required"
                ),
            )
        if (
            cleaned.get("status") == CaseStudy.Status.PUBLISHED
            and not self.instance.published_at
        ):
            self.instance.published_at = timezone.now()
        return cleaned


@admin.register(CaseStudy)
class CaseStudyAdmin(ImportExportModelAdmin):
    """Editors keep the library: drafts, publishing, tags, sources, spreadsheets."""

    form = CaseStudyAdminForm
    resource_classes = [CaseStudyResource]
    import_formats = [CSV, XLSX]
    export_formats = [CSV, XLSX]
    list_display = (
        "title",
        "status",
        "evidence",
        "is_illustrative",
        "published_at",
        "updated_at",
    )
    list_filter = ("status", "evidence", "is_illustrative", "practice_level")
    search_fields = ("title", "slug", "summary")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("preview_link", "published_at", "created_at", "updated_at")
    actions = ("publish", "unpublish")
    inlines = (CaseStudySourceInline, FigureInline)
    date_hierarchy = "published_at"
    fieldsets = (
        (None, {"fields": ("title", "slug", "status", "preview_link")}),
        (
            "Content",
            {"fields": ("summary", "body", "outcomes", "image", "image_alt")},
        ),
        (
            "Who and where",
            {
                "fields": (
                    "organisations",
                    "sectors",
                    "places",
                    "place_detail",
                    "started",
                    "ended",
                )
            },
        ),
        (
            "Tags",
            {"fields": ("rs", "principles", "domains", "components", "practice_level")},
        ),
        ("Evidence", {"fields": ("evidence", "evidence_note", "is_illustrative")}),
        (
            "Contact",
            {"fields": ("contact_name", "contact_email")},
        ),
        ("Dates", {"fields": ("published_at", "created_at", "updated_at")}),
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """Tags as checkboxes from the fixed vocabulary, not free text."""
        if isinstance(db_field, ArrayField):
            if db_field.base_field.choices:
                return forms.TypedMultipleChoiceField(
                    choices=db_field.base_field.choices,
                    widget=forms.CheckboxSelectMultiple,
                    required=not db_field.blank,
                    label=db_field.verbose_name.capitalize(),
                    help_text=db_field.help_text,
                )
            return OrganisationsField(
                required=not db_field.blank,
                label=db_field.verbose_name.capitalize(),
                help_text=db_field.help_text,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def view_on_site(self, obj):
        """Drafts open in the staff preview; published ones at their address."""
        return obj.get_absolute_url() if obj.is_published else obj.get_preview_url()

    def has_import_permission(self, request):
        """Importing creates and changes case studies, so it needs both rights."""
        return request.user.has_perms(
            ["casestudies.add_casestudy", "casestudies.change_casestudy"]
        )

    def has_export_permission(self, request):
        """Anyone who may view case studies in the admin may export them."""
        return request.user.has_perm("casestudies.view_casestudy")

    @admin.display(description="Preview")
    def preview_link(self, obj):
        """A link to see the case study as the public would."""
        if not obj.pk:
            return "Save the case study to preview it."
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Preview this case study</a>',
            obj.get_preview_url(),
        )

    @admin.action(description="Publish selected case studies", permissions=["change"])
    def publish(self, request, queryset):
        """Make the selected case studies public."""
        count = queryset.publish()
        self.message_user(
            request, f"Published {count} case {'study' if count == 1 else 'studies'}."
        )

    @admin.action(
        description="Return selected case studies to draft", permissions=["change"]
    )
    def unpublish(self, request, queryset):
        """Take the selected case studies off the public site."""
        count = queryset.unpublish()
        self.message_user(
            request,
            f"Returned {count} case {'study' if count == 1 else 'studies'} to draft.",
            messages.WARNING,
        )


@admin.register(Figure)
class FigureAdmin(ImportExportModelAdmin):
    """Figures in bulk: a spreadsheet of numbers, each with its source and place."""

    resource_classes = [FigureResource]
    import_formats = [CSV, XLSX]
    export_formats = [CSV, XLSX]
    list_display = ("text", "case_study", "source", "location")
    list_select_related = ("case_study", "source")
    search_fields = ("text", "case_study__title", "source__title")
    autocomplete_fields = ("case_study", "source")
