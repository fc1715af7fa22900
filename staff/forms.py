"""Forms for staff pages: sign-in (password, code) and the coverage target."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm


class StaffAuthenticationForm(AdminAuthenticationForm):
    """Django's admin sign-in, refusing a username no account can have.

    Django sets the field's ``max_length`` after the field is built, so only
    the HTML attribute changes, not validation; a longer username would reach
    ``authenticate()`` and django-axes, whose log of failures holds 255
    characters. Refused here, it never gets that far.
    """

    def clean_username(self):
        username = self.cleaned_data["username"]
        longest = self.fields["username"].max_length
        if longest and len(username) > longest:
            raise forms.ValidationError(
                f"Enter a username of {longest} characters or fewer",
                code="max_length",
            )
        return username


class TokenForm(forms.Form):
    """A six-digit code from an authenticator app."""

    token = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code, for example 123456.",
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
        error_messages={"required": "Enter the code from your authenticator app"},
    )

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        if not token.isdigit() or len(token) != 6:
            raise forms.ValidationError(
                "Enter the 6-digit code from your authenticator app", code="format"
            )
        return token


class CoverageTargetForm(forms.Form):
    """The submitted responses a wave wants for each borough and sector.

    A plain form: the survey's service writes the wave (survey/services.py).
    """

    coverage_target = forms.IntegerField(
        label="Target per borough and sector",
        min_value=1,
        max_value=1000,
        error_messages={
            "required": "Enter a target, such as 10",
            "invalid": "Enter the target as a whole number, such as 10",
            "min_value": "Enter a target of 1 or more",
            "max_value": "Enter a target of 1,000 or fewer",
        },
    )
