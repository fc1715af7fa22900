"""The search and filter form of the public case-study list."""

from django import forms
from django.http import QueryDict

from casestudies.models import FACET_LEGENDS, FACETS

QUERY_MAX_LENGTH = 200
# Long vocabularies list only values that have results (or are ticked), so the
# place facet shows a handful of boroughs rather than all 35 areas.
HIDE_EMPTY_OPTIONS = ("places", "components")


class FacetField(forms.MultipleChoiceField):
    """Checkboxes for one facet; unknown codes in a shared address are ignored."""

    widget = forms.CheckboxSelectMultiple

    def clean(self, value):
        """Keep the known codes, once each, in the order given."""
        return [
            code for code in dict.fromkeys(self.to_python(value)) if code in self.codes
        ]

    @property
    def codes(self) -> set[str]:
        """The codes this facet accepts."""
        return {str(code) for code, _label in self.choices}


class CaseStudyFilterForm(forms.Form):
    """Search words and facet selections, read from the query string."""

    q = forms.CharField(
        label="Search case studies",
        required=False,
        max_length=QUERY_MAX_LENGTH,
        error_messages={
            "max_length": f"Enter fewer than {QUERY_MAX_LENGTH:,} characters",
            "null_characters_not_allowed": (
                "Enter search words without special characters"
            ),
        },
        help_text='For example, custody, "family hubs" or training -police',
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, vocabulary in FACETS.items():
            self.fields[name] = FacetField(
                label=FACET_LEGENDS[name], choices=vocabulary.choices, required=False
            )

    def query(self) -> str:
        """The search words, or "" when there are none or they are invalid."""
        if not self.is_valid() and "q" in self.errors:
            return ""
        return self.cleaned_data.get("q", "").strip()

    def selected(self) -> dict[str, list[str]]:
        """The ticked codes of each facet that has any."""
        self.is_valid()
        return {
            name: self.cleaned_data[name]
            for name in FACETS
            if self.cleaned_data.get(name)
        }

    def facet_groups(self, counts: dict[str, dict[str, int]]) -> list[dict]:
        """Each facet's options with their counts and ticked state, for the page."""
        selected = self.selected()
        groups = []
        for name, vocabulary in FACETS.items():
            ticked = selected.get(name, [])
            options = [
                {
                    "code": code,
                    "label": label,
                    "count": counts[name].get(code, 0),
                    "checked": code in ticked,
                    "id": f"{name}-{code}",
                }
                for code, label in vocabulary.choices
            ]
            if name in HIDE_EMPTY_OPTIONS:
                options = [o for o in options if o["count"] or o["checked"]]
            if options:
                groups.append(
                    {
                        "name": name,
                        "legend": FACET_LEGENDS[name],
                        "options": options,
                        "selected_count": len(ticked),
                    }
                )
        return groups

    def selected_filters(self, params: QueryDict) -> list[dict]:
        """Each ticked value with an address that removes just that value."""
        filters = []
        for name, codes in self.selected().items():
            labels = dict(FACETS[name].choices)
            for code in codes:
                remaining = params.copy()
                remaining.setlist(
                    name, [c for c in remaining.getlist(name) if c != code]
                )
                remaining.pop("page", None)
                filters.append(
                    {
                        "legend": FACET_LEGENDS[name],
                        "label": labels[code],
                        "remove_query": remaining.urlencode(),
                    }
                )
        return filters
