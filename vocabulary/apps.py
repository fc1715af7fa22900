"""App config for the shared vocabulary."""

from django.apps import AppConfig


class VocabularyConfig(AppConfig):
    """Fixed vocabulary used by the survey, case studies and roadmap alike."""

    name = "vocabulary"
    verbose_name = "Vocabulary"
