"""App configuration for sources."""

from django.apps import AppConfig


class SourcesConfig(AppConfig):
    """The publications cited on the site."""

    name = "sources"
    verbose_name = "Sources"

    def seed_demo(self) -> list[str]:
        """Load this app's demo content (the seed_demo command); lines to report."""
        from sources.demo import seed_demo

        return seed_demo()
