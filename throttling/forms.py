"""The honeypot field the site's public forms share."""

from django import forms


class HoneypotMixin(forms.Form):
    """A field people never see or fill in; automated form-fillers often do."""

    website = forms.CharField(required=False, max_length=200, label="Website")

    @property
    def is_spam(self) -> bool:
        """True if the hidden field was filled in."""
        return bool(self.data.get("website", "").strip())
