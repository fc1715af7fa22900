"""App config for the site shell."""

from django.apps import AppConfig


class PagesConfig(AppConfig):
    """Home, accessibility, privacy, cookies and contact pages; errors; health check."""

    name = "pages"
    verbose_name = "Site pages"
