"""App configuration for sources."""

from django.apps import AppConfig


class SourcesConfig(AppConfig):
    """The publications cited on the site."""

    name = "sources"
    verbose_name = "Sources"
