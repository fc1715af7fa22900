"""Fixtures for staff tests: people in each role, signed in with password and code."""

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from staff.roles import ADMIN, ANALYST, EDITOR, roles_sync
from staff.testing import sign_in_with_two_factor

PASSWORD = "a-long-test-password-1234"


def roles_present(role: str) -> Group:
    """The role's group, recreated first if a transactional test flushed it.

    The groups are synced after migrate and after each flush (staff/apps.py);
    this is a safety net for a test that deletes them itself.
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
    return sign_in_with_two_factor(Client(), user)


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
