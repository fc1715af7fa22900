"""Fixtures for staff tests: people in each role, and responses to review."""

import datetime as dt

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from staff.roles import ADMIN, ANALYST, EDITOR, roles_sync
from survey.tests.factories import (
    ContactDetailsFactory,
    SubmittedResponseFactory,
)

PASSWORD = "a-long-test-password-1234"

# Answers as the survey stores them: codes, lists for multiple choice.
SAMPLE_ANSWERS = {
    "consent": "yes",
    "sector": "local_authority",
    "la_service_area": "housing",
    "organisation_name": "Hackney Council",
    "job_role": "Housing officer",
    "boroughs": ["hackney", "islington"],
    "answering_for": "team",
    "meaning_own_words": "Seeing the person, not the behaviour.",
    "r_realise_1": "agree",
    "r_resist_1": "strongly_agree",
    "principle_safety": "disagree",
    "principle_trust": "dont_know",
    "components_in_place": ["training_all_staff", "written_policies"],
    "barriers": ["funding", "other"],
    "barriers_other": '=HYPERLINK("http://evil.example")',
    "has_example": "yes",
    "example_description": "A drop-in run with young people.\n\nIt started in 2023.",
    "example_difference": "Fewer missed appointments.",
    "example_evidence": "internally_evaluated",
    "example_rs": ["recognise", "respond"],
}


def roles_present(role: str) -> Group:
    """The role's group, recreated first if a transactional test flushed it.

    The groups come from a data migration; a transactional test (the browser
    tests, the concurrent-submit test) empties every table when it ends, and
    later tests on the same process would otherwise find no roles.
    """
    group = Group.objects.filter(name=role).first()
    if group is None:
        roles_sync(django_apps)
        group = Group.objects.get(name=role)
    return group


def staff_user(username: str, role: str | None):
    """A staff member in one role group (or none)."""
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", PASSWORD, is_staff=True
    )
    if role:
        user.groups.add(roles_present(role))
    return user


def client_for(user) -> Client:
    """A client signed in as ``user`` with password and code."""
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def analyst(db):
    return staff_user("analyst", ANALYST)


@pytest.fixture
def editor(db):
    return staff_user("editor", EDITOR)


@pytest.fixture
def vru_admin(db):
    return staff_user("vru-admin", ADMIN)


@pytest.fixture
def analyst_client(analyst):
    return client_for(analyst)


@pytest.fixture
def editor_client(editor):
    return client_for(editor)


@pytest.fixture
def vru_admin_client(vru_admin):
    return client_for(vru_admin)


def submitted(wave, answers=None, *, contact=False, submitted_at=None, **kwargs):
    """A submitted response to ``wave`` with these answers (and contact details)."""
    response = SubmittedResponseFactory.build(wave=wave, **kwargs)
    response.set_answers(dict(SAMPLE_ANSWERS if answers is None else answers))
    if submitted_at is not None:
        response.submitted_at = submitted_at
    response.save()
    if contact:
        ContactDetailsFactory(
            response=response, name="Ada Example", email="ada@example.org"
        )
    return response


def london(*args) -> dt.datetime:
    """A London wall-clock time as an aware datetime."""
    from zoneinfo import ZoneInfo

    return dt.datetime(*args, tzinfo=ZoneInfo("Europe/London"))
