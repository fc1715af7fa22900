"""App config for the practice survey."""

from django.apps import AppConfig


class SurveyConfig(AppConfig):
    """Waves, the questionnaire, drafts and submitted responses."""

    name = "survey"
    verbose_name = "Practice survey"

    def seed_demo(self) -> list[str]:
        """Load this app's demo content (the seed_demo command); lines to report."""
        from survey.demo import seed_demo

        return seed_demo()
