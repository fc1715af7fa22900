"""Shared pytest fixtures for every app."""

import pytest

# Staff roles and signed-in clients (analyst_client, editor_client, ...), for
# the staff app's tests and the survey admin's.
pytest_plugins = ["staff.tests.fixtures"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Keep uploaded files from tests out of the project's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def staff_login():
    """``staff_login(client, user)``: signed in with password and code, as the
    admin requires (``client.force_login`` alone passes the password step only)."""
    from staff.testing import sign_in_with_two_factor

    return sign_in_with_two_factor


@pytest.fixture
def admin_client(admin_user, staff_login):
    """pytest-django's ``admin_client``, signed in with password and code."""
    from django.test import Client

    return staff_login(Client(), admin_user)


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
