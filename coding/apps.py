"""App config for coding the survey's free-text answers."""

from django.apps import AppConfig


class CodingConfig(AppConfig):
    """Codebooks, coding, double coding with agreement, and suggested themes."""

    name = "coding"
    verbose_name = "Coding free text"

    def ready(self):
        # The survey may not import this app (pyproject's layers), so the code
        # columns and the redaction masks are handed to it here.
        from coding.exports import register_with_survey

        register_with_survey()

    def seed_demo(self) -> list[str]:
        """Load this app's demo content (the seed_demo command); lines to report."""
        from coding.demo import seed_demo

        return seed_demo()
