"""The project runs on PostgreSQL: embedded by default, or at DATABASE_URL."""

import os
import socket
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


def test_every_database_is_postgresql_through_psycopg_3():
    assert settings.DATABASES
    assert settings.DATABASES["default"]["ENGINE"] in (
        "django.db.backends.postgresql",
        # Django's backend, starting the embedded server on first connection.
        "tilondon.embedded_postgres",
    )
    assert connection.vendor == "postgresql"
    connection.ensure_connection()
    assert type(connection.connection).__module__.split(".")[0] == "psycopg"


def _manage(*args: str, **variables: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        # Browser tests on the same worker may have set DJANGO_ALLOW_ASYNC_UNSAFE,
        # which the deploy check rightly refuses.
        if key
        not in (
            "DJANGO_SETTINGS_MODULE",
            "DATABASE_URL",
            "DJANGO_ENV",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        )
    }
    env.update(variables)
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_and_collectstatic_start_no_database_server(tmp_path):
    pgdata = tmp_path / "pgdata"
    check = _manage("check", PGSERVER_DATA=str(pgdata))
    assert check.returncode == 0, check.stderr
    collect = _manage(
        "collectstatic", "--dry-run", "--noinput", PGSERVER_DATA=str(pgdata)
    )
    assert collect.returncode == 0, collect.stderr
    # pgserver's initdb would have created the folder.
    assert not pgdata.exists()


def test_production_check_deploy_needs_no_database():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        SECRET_KEY="a-real-secret-for-this-test-only-" + "x7Qp2" * 8,
        ALLOWED_HOSTS="trauma-informed.london.example",
        CSRF_TRUSTED_ORIGINS="https://trauma-informed.london.example",
        SITE_URL="https://trauma-informed.london.example",
        EMAIL_URL="smtp+tls://mailer:secret@smtp.london.example:587",
        # Nothing listens there: the check must not need to connect.
        DATABASE_URL=f"postgres://tilondon@127.0.0.1:{closed_port}/tilondon",
        PGSERVER_DATA="/nonexistent/never-started",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


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
