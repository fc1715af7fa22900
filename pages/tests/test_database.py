"""The project runs on PostgreSQL: embedded by default, or at DATABASE_URL."""

import os
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db

QUERY = (
    "from django.db import connection;"
    "cursor = connection.cursor();"
    "cursor.execute('SELECT current_database()');"
    "print(connection.vendor, cursor.fetchone()[0],"
    " connection.settings_dict['CONN_MAX_AGE'],"
    " connection.settings_dict['CONN_HEALTH_CHECKS'])"
)


def test_every_database_is_postgresql():
    assert settings.DATABASES
    for alias in settings.DATABASES:
        assert settings.DATABASES[alias]["ENGINE"] == "django.db.backends.postgresql"
    assert connection.vendor == "postgresql"


def test_database_url_points_the_project_at_that_server():
    # Point DATABASE_URL at the embedded server's test database: the subprocess
    # must reach that exact database through the URL, not start its own.
    params = connection.settings_dict
    url = (
        f"postgres://{params['USER']}@/{params['NAME']}"
        f"?host={quote(params['HOST'], safe='/')}&port={params['PORT']}"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE",)
    }
    env.update(
        {
            "DATABASE_URL": url,
            "PGSERVER_DATA": "/nonexistent/never-started",
            # Persistent connections, as served: under DEBUG (runserver) they
            # are closed after each request (pages/tests/test_security.py).
            "DEBUG": "false",
        }
    )
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", QUERY],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["postgresql", params["NAME"], "60", "True"]


def test_embedded_server_keeps_its_data_in_a_git_ignored_folder():
    gitignore = (settings.BASE_DIR / ".gitignore").read_text().splitlines()
    assert ".pgdata/" in gitignore
