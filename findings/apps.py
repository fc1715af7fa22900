"""App config for published survey findings."""

from django.apps import AppConfig


class FindingsConfig(AppConfig):
    """Findings releases: what London told us, with disclosure control."""

    name = "findings"
    verbose_name = "Findings"

    def seed_demo(self) -> list[str]:
        """Load this app's demo content (the seed_demo command); lines to report."""
        from findings.demo import seed_demo

        return seed_demo()
