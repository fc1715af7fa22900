"""Admin for the survey: the questionnaire (here) and responses (responses.py)."""

from survey.admin import questionnaire, responses  # noqa: F401
