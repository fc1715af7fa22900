"""Forms of the coding pages: a coding, a flagged passage, a sample, a copy, themes."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from coding.models import Code, Codebook
from survey.models import Wave

UNKNOWN_CODE = "Select codes from this wave's codebook only"


class CodeForm(forms.ModelForm):
    """One code in the codebook; a parent must be a top-level code of the same book."""

    class Meta:
        model = Code
        fields = [
            "name",
            "definition",
            "use_when",
            "dont_use_when",
            "parent",
            "colour",
            "order",
        ]

    def clean(self):
        """Codes are one level deep: no parent of a parent, no parent for a parent."""
        cleaned = super().clean()
        parent = cleaned.get("parent")
        if parent is not None:
            if parent.parent_id is not None:
                self.add_error(
                    "parent",
                    forms.ValidationError(
                        "Choose a top-level code as the parent: codes are one "
                        "level deep",
                        code="too_deep",
                    ),
                )
            elif self.instance.pk and (
                parent.pk == self.instance.pk or self.instance.children.exists()
            ):
                self.add_error(
                    "parent",
                    forms.ValidationError(
                        "A code with codes under it cannot have a parent",
                        code="has_children",
                    ),
                )
        return cleaned


class CodingForm(forms.Form):
    """One coder's codes and note for one answer, at the version they saw."""

    response = forms.IntegerField(widget=forms.HiddenInput)
    question = forms.SlugField(max_length=40, widget=forms.HiddenInput)
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    codes = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": UNKNOWN_CODE},
    )
    note = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Enter a note of 2,000 characters or fewer"},
    )

    def __init__(self, *args, codes: list[Code], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["codes"].choices = [(code.pk, code.name) for code in codes]


class RedactionForm(forms.Form):
    """A passage of the answer to mask in every export."""

    response = forms.IntegerField(widget=forms.HiddenInput)
    question = forms.SlugField(max_length=40, widget=forms.HiddenInput)
    passage = forms.CharField(
        label="Passage to flag for redaction",
        max_length=500,
        help_text="Copy the words exactly as they appear in the answer, for "
        "example a person's name or a small place.",
        error_messages={"required": "Enter the passage to flag for redaction"},
    )


def coders_available():
    """Staff who may code: they hold coding.code_answers through a group or alone."""
    held = Q(codename="code_answers", content_type__app_label="coding")
    from django.contrib.auth.models import Permission

    permissions = Permission.objects.filter(held)
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(groups__permissions__in=permissions)
            | Q(user_permissions__in=permissions)
            | Q(is_superuser=True)
        )
        .distinct()
        .order_by("username")
    )


def _whole_number(*, low, high, initial, label, required, out_of_range):
    """A whole number from ``low`` to ``high``, with the page's error messages."""
    return forms.IntegerField(
        min_value=low,
        max_value=high,
        initial=initial,
        label=label,
        error_messages={
            "required": required,
            "min_value": out_of_range,
            "max_value": out_of_range,
        },
    )


class _QuestionForm(forms.Form):
    """A form whose ``question`` field chooses one of the given questions."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = [
            (q.code, f"{q.code}: {q.text[:80]}") for q in questions
        ]


class SampleForm(_QuestionForm):
    """Assign a share of one question's answers for blind double coding."""

    question = forms.ChoiceField(
        error_messages={"required": "Select the question to sample"}
    )
    percent = _whole_number(
        low=1,
        high=100,
        initial=10,
        label="Percentage of answers",
        required="Enter the percentage of answers to double-code",
        out_of_range="Enter a percentage from 1 to 100",
    )
    seed = forms.IntegerField(
        min_value=0,
        initial=1,
        help_text="The same seed draws the same answers again.",
        error_messages={"required": "Enter a seed, for example 1"},
    )
    coders = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least two coders"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coders"].queryset = coders_available()

    def clean_coders(self):
        """Double coding needs two coders at least."""
        coders = self.cleaned_data["coders"]
        if len(coders) < 2:
            raise forms.ValidationError("Select at least two coders", code="few")
        return coders


class CodebookCopyForm(forms.Form):
    """Start a wave's codebook as a copy of an earlier wave's."""

    source = forms.ModelChoiceField(
        queryset=Codebook.objects.select_related("wave"),
        label="Copy the codebook of",
        error_messages={"required": "Select the codebook to copy"},
    )
    wave = forms.ModelChoiceField(
        queryset=Wave.objects.filter(codebook__isnull=True),
        label="Into the wave",
        error_messages={"required": "Select the wave to copy into"},
    )


class ThemesForm(_QuestionForm):
    """Which question's uncoded answers to group, and into how many clusters."""

    question = forms.ChoiceField(
        error_messages={"required": "Select the question to group"}
    )
    clusters = _whole_number(
        low=2,
        high=12,
        initial=6,
        label="Number of groups",
        required="Enter the number of groups, from 2 to 12",
        out_of_range="Enter a number of groups from 2 to 12",
    )
