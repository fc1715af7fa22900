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
