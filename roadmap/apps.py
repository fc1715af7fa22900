"""App config for the roadmap website."""

from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    """Programme phases, the journey framework and the self-assessment."""

    name = "roadmap"
    verbose_name = "Roadmap"

    def seed_demo(self) -> list[str]:
        """Load this app's demo content (the seed_demo command); lines to report."""
        from roadmap.demo import seed_demo

        return seed_demo()
