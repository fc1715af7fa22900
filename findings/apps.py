"""App config for published survey findings."""

from django.apps import AppConfig


class FindingsConfig(AppConfig):
    """Findings releases: what London told us, with disclosure control."""

    name = "findings"
    verbose_name = "Findings"
