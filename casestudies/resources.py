"""Spreadsheet import and export of case studies (django-import-export)."""

import re

from django.utils import timezone
from import_export import fields, resources, widgets

from casestudies.models import FACETS, CaseStudy
from vocabulary.choices import Component

# Tags are codes separated by commas or semicolons; organisations, whose names
# may contain commas, by semicolons only.
TAG_SEPARATORS = re.compile(r"[;,]")


class CodeListWidget(widgets.Widget):
    """A list of vocabulary codes in one cell: "safety; choice"."""

    def __init__(self, vocabulary, *, separators=TAG_SEPARATORS, **kwargs):
        super().__init__(**kwargs)
        self.vocabulary = vocabulary
        self.separators = separators

    def clean(self, value, row=None, **kwargs):
        """Split the cell into codes; an unknown code fails the whole row."""
        codes = [
            code.strip()
            for code in self.separators.split(str(value or ""))
            if code.strip()
        ]
        if self.vocabulary is None:
            return codes
        known = set(self.vocabulary.values)
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise ValueError(
                f"Unknown code {', '.join(repr(c) for c in unknown)}. "
                f"Use one or more of: {', '.join(sorted(known))}"
            )
        return list(dict.fromkeys(codes))

    def render(self, value, obj=None, **kwargs):
        """Codes joined with "; "."""
        return "; ".join(value or [])


class CodeWidget(widgets.Widget):
    """One vocabulary code in a cell."""

    def __init__(self, vocabulary, *, allow_blank=False, **kwargs):
        super().__init__(**kwargs)
        self.vocabulary = vocabulary
        self.allow_blank = allow_blank

    def clean(self, value, row=None, **kwargs):
        """The code, checked against the vocabulary."""
        code = str(value or "").strip()
        if not code and self.allow_blank:
            return ""
        if code not in self.vocabulary.values:
            raise ValueError(
                f"Unknown code {code!r}. Use one of: "
                f"{', '.join(self.vocabulary.values)}"
            )
        return code

    def render(self, value, obj=None, **kwargs):
        """The code as stored."""
        return value or ""


def _tag_field(name, vocabulary):
    return fields.Field(
        attribute=name, column_name=name, widget=CodeListWidget(vocabulary)
    )


class CaseStudyResource(resources.ModelResource):
    """One row per case study; the slug identifies a row on import."""

    organisations = fields.Field(
        attribute="organisations",
        column_name="organisations",
        widget=CodeListWidget(None, separators=re.compile(";")),
    )
    sectors = _tag_field("sectors", FACETS["sectors"])
    places = _tag_field("places", FACETS["places"])
    rs = _tag_field("rs", FACETS["rs"])
    principles = _tag_field("principles", FACETS["principles"])
    domains = _tag_field("domains", FACETS["domains"])
    components = _tag_field("components", Component)
    evidence = fields.Field(
        attribute="evidence",
        column_name="evidence",
        widget=CodeWidget(FACETS["evidence"]),
    )
    # Dates are set by the site, so they are exported but never imported.
    published_at = fields.Field(
        attribute="published_at", column_name="published_at", readonly=True
    )
    updated_at = fields.Field(
        attribute="updated_at", column_name="updated_at", readonly=True
    )
    status = fields.Field(
        attribute="status",
        column_name="status",
        widget=CodeWidget(CaseStudy.Status, allow_blank=True),
    )

    class Meta:
        model = CaseStudy
        import_id_fields = ("slug",)
        fields = (
            "slug",
            "title",
            "summary",
            "body",
            "organisations",
            "sectors",
            "places",
            "place_detail",
            "rs",
            "principles",
            "domains",
            "components",
            "practice_level",
            "evidence",
            "evidence_note",
            "outcomes",
            "started",
            "ended",
            "contact_name",
            "contact_email",
            "is_illustrative",
            "status",
            "published_at",
            "updated_at",
        )
        export_order = fields
        # Validate every row with the model's own rules (choices, date format,
        # the image alt-text rule) so errors show in the preview.
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def import_instance(self, instance, row, **kwargs):
        """A row published for the first time gets today's publication date."""
        super().import_instance(instance, row, **kwargs)
        if instance.is_published and not instance.published_at:
            instance.published_at = timezone.now()

    def before_import_row(self, row, **kwargs):
        """Blank status means draft, before the model's validation runs."""
        if not str(row.get("status") or "").strip():
            row["status"] = CaseStudy.Status.DRAFT
