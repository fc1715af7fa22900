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


@pytest.fixture(scope="session", autouse=True)
def _test_database_is_always_dropped(django_db_setup, django_db_blocker):
    """Close stray connections before the test database is dropped.

    A live-server request thread can still hold a connection when the session
    ends; PostgreSQL then refuses DROP DATABASE and the database would pile up
    in .pgdata run after run. This teardown runs just before pytest-django's.
    """
    yield
    from django.db import connection

    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
