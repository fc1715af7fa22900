"""The site against a database that cannot be reached: 503s, and honest ones."""

import socket
from http import HTTPStatus

import pytest
from django.db import InterfaceError, OperationalError, ProgrammingError
from django.test import Client
from django.urls import reverse

from pages.outage import RETRY_AFTER_SECONDS, is_database_unavailable
from pages.tests.test_security import _run_manage

# Runs inside `manage.py shell` under production settings, the database being a
# port nothing listens on. Prints one line per request: path, status,
# Retry-After, whether the page is the styled 503.
OUTAGE_SCRIPT = """
from django.conf import settings
# Statuses and headers are the point here, not collected static files.
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
from django.db import InterfaceError, OperationalError, ProgrammingError
from django.test import Client

def show(label, response):
    html = response.content.decode()
    styled = 'class="govuk-template"' in html and "your saved answers are safe" in html
    print(label, response.status_code, response.get("Retry-After", "-"),
          "styled-503" if styled else "-")

client = Client(raise_request_exception=False)
for path in PATHS:
    show(path, client.get(path, secure=True))
show("POST /survey/a-wave/begin/", client.post("/survey/a-wave/begin/", secure=True))
show("POST /admin/login/", client.post(
    "/admin/login/", {"username": "someone", "password": "x"}, secure=True))
# A returning respondent or a member of staff: the session is in the database.
client.cookies["sessionid"] = "s" * 32
for path in ("/privacy/", "/survey/", "/admin/"):
    show("session " + path, client.get(path, secure=True))
"""

NEEDS_THE_DATABASE = [
    # The home page and the guidance pages cite sources held in the database.
    "/",
    "/resources/",
    "/commissioning-trauma-informed-training/",
    "/survey/",
    "/survey/a-wave/",
    "/survey/resume/a-token/",
    "/survey/a-wave/share/",
    "/survey/a-wave/share/poster/",
    "/findings/",
    "/findings/a-wave/",
    "/findings/a-wave/findings.csv",
    "/case-studies/",
    "/case-studies/a-case-study/",
    "/roadmap/",
    "/roadmap/journey/",
    "/roadmap/journey/?sector=nhs",
    "/roadmap/journey/an-area/trauma-aware/",
    "/roadmap/self-assessment/questions/",
]
# The admin's sign-in page needs the database only once a form is sent.
STATIC_PAGES = [
    "/accessibility/",
    "/privacy/",
    "/cookies/",
    "/contact/",
    "/admin/login/",
]


def _closed_port() -> int:
    """A local port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def outage_run():
    """The outage script's output lines and log, from a production process."""
    env = {
        "DJANGO_ENV": "production",
        "SECRET_KEY": "a-real-secret-for-this-test-only-" + "x7Qp2" * 8,
        "ALLOWED_HOSTS": "testserver",
        "SITE_URL": "https://trauma-informed.london.example",
        "EMAIL_URL": "smtp+tls://mailer:secret@smtp.london.example:587",
        "DATABASE_URL": f"postgres://tilondon@127.0.0.1:{_closed_port()}/tilondon",
    }
    paths = [*NEEDS_THE_DATABASE, *STATIC_PAGES, "/admin/", "/healthz"]
    script = f"PATHS = {paths!r}\n{OUTAGE_SCRIPT}"
    result = _run_manage("shell", "--no-imports", "-c", script, extra_env=env)
    assert result.returncode == 0, result.stderr
    lines = {
        line.rsplit(" ", 3)[0]: line.rsplit(" ", 3)[1:]
        for line in result.stdout.splitlines()
    }
    return lines, result.stderr


def test_pages_that_need_the_database_answer_503_with_retry_after(outage_run):
    lines, _ = outage_run
    expected = [str(HTTPStatus.SERVICE_UNAVAILABLE.value), "30", "styled-503"]
    for path in [
        *NEEDS_THE_DATABASE,
        "POST /survey/a-wave/begin/",
        "POST /admin/login/",
        "session /survey/",
        "session /admin/",
    ]:
        assert lines[path] == expected, path


def test_pages_that_need_no_database_keep_working(outage_run):
    lines, _ = outage_run
    for path in [*STATIC_PAGES, "session /privacy/"]:
        assert lines[path][0] == str(HTTPStatus.OK.value), path
    # Signed out, the admin sends the visitor to sign in, as ever.
    assert lines["/admin/"][0] == str(HTTPStatus.FOUND.value)


def test_health_check_stays_503(outage_run):
    lines, _ = outage_run
    assert lines["/healthz"][0] == str(HTTPStatus.SERVICE_UNAVAILABLE.value)


def test_each_failure_is_logged_as_one_line_without_a_traceback(outage_run):
    lines, log = outage_run
    failures = [p for p, (status, *_) in lines.items() if status == "503"]
    logged = [line for line in log.splitlines() if "Database unavailable" in line]
    # The health check answers for itself and logs nothing.
    assert len(logged) == len(failures) - 1
    assert "Traceback" not in log
    assert "connection" in logged[0].lower()


def test_only_errors_of_reaching_the_database_count_as_an_outage():
    assert is_database_unavailable(OperationalError("connection refused"))
    assert is_database_unavailable(InterfaceError("connection already closed"))
    # A query PostgreSQL refuses is a bug to fix, not an outage.
    assert not is_database_unavailable(ProgrammingError("syntax error"))
    assert not is_database_unavailable(ValueError("not a database error"))


@pytest.mark.django_db
def test_outage_page_is_rendered_without_touching_the_database(
    django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr(
        "casestudies.views.CaseStudy.objects.published",
        _raise_connection_refused,
    )
    client = Client(raise_request_exception=False)
    with django_assert_num_queries(0):
        response = client.get(reverse("casestudies:list"))
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "your saved answers are safe" in response.content.decode()


def _raise_connection_refused():
    raise OperationalError("connection refused")
