"""Admin for the survey: the questionnaire, collectors and responses."""

from survey.admin import collectors, questionnaire, responses  # noqa: F401
