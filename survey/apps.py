"""App config for the practice survey."""

from django.apps import AppConfig


class SurveyConfig(AppConfig):
    """Waves, the questionnaire, drafts and submitted responses."""

    name = "survey"
    verbose_name = "Practice survey"
