"""App config for the GOV.UK page kit every app may use."""

from django.apps import AppConfig


class GovukConfig(AppConfig):
    """The GOV.UK form helper and the text filters for templates; no models."""

    name = "govuk"
    verbose_name = "GOV.UK page kit"
