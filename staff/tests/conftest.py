"""Fixtures for the staff app's tests (role fixtures come from staff.tests.fixtures)."""

from survey.tests.conftest import closed_wave, open_wave, questionnaire  # noqa: F401
