"""Shared pytest fixtures for every app."""

import pytest

# Staff roles and signed-in clients (analyst_client, editor_client, ...), for
# the staff app's tests and the survey admin's.
pytest_plugins = ["staff.tests.fixtures"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Keep uploaded files from tests out of the project's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _force_login_passes_two_factor(monkeypatch):
    """In tests, ``client.force_login(staff)`` is a full sign-in: password and code.

    The admin needs a verified authenticator (staff/sites.py); staff tests of
    the code step itself sign in through the real forms instead.
    """
    from django.test import Client

    from staff.testing import force_login_with_two_factor

    monkeypatch.setattr(Client, "force_login", force_login_with_two_factor)
