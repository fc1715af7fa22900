"""Forms for the roadmap: the sector filter and the self-assessment."""

from crispy_forms_gds.layout import HTML, Field, Size
from django import forms
from django.core.exceptions import ValidationError

from govuk.forms import form_helper
from roadmap.models import ROADMAP_SECTORS, DomainDescription, Statement
from roadmap.scoring import Rating
from throttling.forms import HoneypotMixin

# The radio for leaders who would rather not say, or who are in another sector;
# stored as no sector.
NO_SECTOR = "none"


class SectorForm(forms.Form):
    """Choose a sector to filter the journey (a GET form)."""

    sector = forms.ChoiceField(
        label="Show actions and case studies for",
        required=False,
        choices=[("", "All sectors"), *((s.value, s.label) for s in ROADMAP_SECTORS)],
        error_messages={"invalid_choice": "Select a sector from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A GET form, so the filtered journey has a URL that can be shared.
        self.helper = form_helper(
            Field("sector", context={"label_size": Size.for_label(Size.SMALL)}),
            # No name, so the shared URL holds the sector alone.
            HTML(
                '<button type="submit" class="govuk-button govuk-button--secondary"'
                ' data-module="govuk-button">Show</button>'
            ),
            method="get",
        )
        self.helper.form_class = "til-no-print"

    def chosen_sector(self) -> str:
        """The valid sector chosen, or "" for all sectors."""
        if self.is_valid():
            return self.cleaned_data["sector"]
        return ""


class SelfAssessmentForm(HoneypotMixin):
    """The sector (optional) and a rating for each statement (each optional).

    Unanswered statements count as "Not yet", as the scoring rule says, so a
    leader can skip what they cannot judge; an empty form is refused, as it
    would only ever show "Starting out". The survey's hidden "website" field
    catches automated form-fillers.
    """

    sector = forms.ChoiceField(
        label="Which sector is your organisation in?",
        help_text="Optional. This shows actions written for your sector.",
        required=False,
        choices=[
            *((s.value, s.label) for s in ROADMAP_SECTORS),
            (NO_SECTOR, "Another sector, or I would rather not say"),
        ],
        error_messages={"invalid_choice": "Select your sector from the list"},
    )

    def __init__(self, *args, statements: list[Statement], **kwargs):
        super().__init__(*args, **kwargs)
        self.statements = statements
        for statement in statements:
            self.fields[statement.code] = forms.ChoiceField(
                label=statement.text,
                required=False,
                choices=Rating.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": "Select how far this is in place, "
                    "from the options given"
                },
            )

    def clean_sector(self) -> str:
        """No sector for "another sector or rather not say"."""
        sector = self.cleaned_data["sector"]
        return "" if sector == NO_SECTOR else sector

    def clean(self):
        cleaned = super().clean()
        if self.statements and not self.answers():
            self.add_error(
                self.statements[0].code,
                ValidationError(
                    "Rate at least one statement, or choose “Not yet”",
                    code="nothing_rated",
                ),
            )
        return cleaned

    def answers(self) -> dict[str, str]:
        """The ratings given, by statement code."""
        return {
            s.code: self.cleaned_data[s.code]
            for s in self.statements
            if self.cleaned_data.get(s.code)
        }

    def sections(self, domains: list[DomainDescription]) -> list[tuple]:
        """(domain, bound fields) for each domain that has statements, in order."""
        sections = []
        for domain in domains:
            fields = [
                self[s.code] for s in self.statements if s.domain == domain.domain
            ]
            if fields:
                sections.append((domain, fields))
        return sections
