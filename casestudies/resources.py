"""Spreadsheet import and export of case studies (django-import-export)."""

import re

from django.utils import timezone
from import_export import fields, widgets

from casestudies.models import FACETS, CaseStudy, CaseStudySource, Figure
from sources.models import Source
from sources.resources import AllOrNothingResource
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


class SourceCodesWidget(widgets.Widget):
    """The codes of a case study's sources in one cell, in citation order."""

    def clean(self, value, row=None, **kwargs):
        """The codes; one that names no source fails the row."""
        codes = list(
            dict.fromkeys(
                code.strip()
                for code in TAG_SEPARATORS.split(str(value or ""))
                if code.strip()
            )
        )
        known = set(
            Source.objects.filter(code__in=codes).values_list("code", flat=True)
        )
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise ValueError(
                f"Unknown source {', '.join(repr(c) for c in unknown)}. Add the "
                "source first, or use the code of one that exists."
            )
        return codes

    def render(self, value, obj=None, **kwargs):
        """Codes joined with "; "."""
        if obj is None or not obj.pk:
            return ""
        return "; ".join(c.source.code for c in obj.citations.select_related("source"))


def _tag_field(name, vocabulary):
    return fields.Field(
        attribute=name, column_name=name, widget=CodeListWidget(vocabulary)
    )


class CaseStudyResource(AllOrNothingResource):
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
    sources = fields.Field(
        attribute="sources",
        column_name="sources",
        widget=SourceCodesWidget(),
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
            "sources",
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

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        """Sources are saved after the case study, in the order given."""
        if field.attribute == "sources":
            if field.column_name in row:
                instance._source_codes = field.clean(row, **kwargs)
            return
        super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """A row whose only change is its list of sources is not skipped."""
        codes = getattr(instance, "_source_codes", None)
        if codes is not None and original.pk:
            current = [
                c.source.code for c in original.citations.select_related("source")
            ]
            if codes != current:
                return False
        return super().skip_row(instance, original, row, import_validation_errors)

    def after_save_instance(self, instance, row, **kwargs):
        """Replace the case study's sources with the row's."""
        codes = getattr(instance, "_source_codes", None)
        if codes is None:
            return
        by_code = {s.code: s for s in Source.objects.filter(code__in=codes)}
        instance.citations.all().delete()
        CaseStudySource.objects.bulk_create(
            CaseStudySource(case_study=instance, source=by_code[code], order=order)
            for order, code in enumerate(codes)
        )

    def before_import_row(self, row, **kwargs):
        """Blank status means draft, before the model's validation runs."""
        if not str(row.get("status") or "").strip():
            row["status"] = CaseStudy.Status.DRAFT


class FigureResource(AllOrNothingResource):
    """One row per figure: the case study's slug, the number, its source and place."""

    case_study = fields.Field(
        attribute="case_study",
        column_name="case_study",
        widget=widgets.ForeignKeyWidget(CaseStudy, field="slug"),
    )
    source = fields.Field(
        attribute="source",
        column_name="source",
        widget=widgets.ForeignKeyWidget(Source, field="code"),
    )

    class Meta:
        model = Figure
        fields = ("id", "case_study", "text", "source", "location", "order")
        export_order = fields
        clean_model_instances = True

    def before_import_row(self, row, **kwargs):
        """A figure with no source, or an unknown one, is a row error in words."""
        code = str(row.get("source") or "").strip()
        if not code:
            raise ValueError("Enter the code of the figure's source")
        if not Source.objects.filter(code=code).exists():
            raise ValueError(f"Unknown source {code!r}. Add the source first.")
