"""App config for the roadmap website."""

from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    """Programme phases, the journey framework and the self-assessment."""

    name = "roadmap"
    verbose_name = "Roadmap"
