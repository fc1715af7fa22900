"""Security headers and production settings."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from csp.decorators import csp_update
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.urls import reverse

from survey.tests.factories import wave_with_questionnaire

pytestmark = pytest.mark.django_db

BASE_DIR = Path(settings.BASE_DIR)


def test_content_security_policy_allows_only_what_is_named(client):
    csp = client.get(reverse("pages:home"))["Content-Security-Policy"]
    directives = dict(
        part.strip().split(" ", 1) for part in csp.split(";") if part.strip()
    )
    # Nothing by default; each kind of resource the site uses is named.
    assert directives == {
        "default-src": "'none'",
        "script-src": "'self'",
        "style-src": "'self'",
        # data: for the QR code in two-factor setup.
        "img-src": "'self' data:",
        "font-src": "'self'",
        # Lighthouse's robots.txt audit fetches /robots.txt under the page's policy.
        "connect-src": "'self'",
        "form-action": "'self'",
        "object-src": "'none'",
        "base-uri": "'none'",
        "frame-ancestors": "'none'",
    }


def test_the_policy_follows_a_changed_setting(client, settings):
    client.get(reverse("pages:home"))
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"]}}
    assert client.get(reverse("pages:home"))["Content-Security-Policy"] == (
        "default-src 'self'"
    )


def test_a_view_that_changes_the_policy_still_gets_its_own(rf):
    @csp_update({"img-src": "https://example.org"})
    def view(request):
        return HttpResponse("ok")

    response = CSPMiddleware(view)(rf.get("/"))
    assert (
        "img-src 'self' data: https://example.org"
        in response["Content-Security-Policy"]
    )
    plain = CSPMiddleware(lambda r: HttpResponse("ok"))(rf.get("/"))
    assert "example.org" not in plain["Content-Security-Policy"]


def test_other_security_headers_are_present(client):
    response = client.get(reverse("pages:home"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


# Variables a developer's shell might hold that would change what is tested.
# Browser tests on the same worker set DJANGO_ALLOW_ASYNC_UNSAFE.
_NOT_INHERITED = (
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ENV",
    "DEBUG",
    "DJANGO_DEBUG",
    "SECRET_KEY",
    "SITE_URL",
    "EMAIL_URL",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def _run_manage(*args, extra_env):
    env = {key: value for key, value in os.environ.items() if key not in _NOT_INHERITED}
    env.update(extra_env)
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _test_database_url() -> str:
    """The URL of this process's test database on the embedded server."""
    params = connection.settings_dict
    return (
        f"postgres://{params['USER']}@/{params['NAME']}"
        f"?host={quote(params['HOST'], safe='/')}&port={params['PORT']}"
    )


@pytest.fixture
def production_env():
    """Everything production requires, the database being this test's."""
    return {
        "DJANGO_ENV": "production",
        "SECRET_KEY": "a-real-secret-for-this-test-only-" + "x7Qp2" * 8,
        "ALLOWED_HOSTS": "trauma-informed.london.example,testserver",
        "SITE_URL": "https://trauma-informed.london.example",
        "EMAIL_URL": "smtp+tls://mailer:secret@smtp.london.example:587",
        "DATABASE_URL": _test_database_url(),
    }


def test_check_deploy_is_clean_under_production_settings(production_env):
    result = _run_manage(
        "check", "--deploy", "--fail-level", "DEBUG", extra_env=production_env
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_real_secret_key(production_env):
    production_env.pop("SECRET_KEY")
    result = _run_manage("check", extra_env=production_env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("name", ["SITE_URL", "EMAIL_URL", "DATABASE_URL"])
def test_production_refuses_to_start_without_each_required_address(
    production_env, name
):
    # Development's stand-ins (127.0.0.1 links, the console email that prints
    # resume links, the embedded database) must never reach production.
    production_env.pop(name)
    result = _run_manage("check", extra_env=production_env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"Set {name} in production" in result.stderr


@pytest.mark.parametrize("scheme", ["consolemail", "filemail", "dummymail"])
def test_production_refuses_an_email_backend_that_does_not_send(production_env, scheme):
    # The console backend would print respondents' resume links to the log.
    production_env["EMAIL_URL"] = f"{scheme}://"
    result = _run_manage("check", extra_env=production_env)
    assert result.returncode != 0
    assert f"EMAIL_URL={scheme}:// would write resume links" in result.stderr


def test_production_allows_console_email_only_when_asked_by_name(production_env):
    production_env["EMAIL_URL"] = "consolemail://"
    production_env["ALLOW_CONSOLE_EMAIL_IN_PRODUCTION"] = "true"
    script = "from django.conf import settings; print(settings.EMAIL_BACKEND)"
    result = _run_manage(
        "shell", "--no-imports", "-c", script, extra_env=production_env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.core.mail.backends.console.EmailBackend"]


@pytest.mark.parametrize(
    ("variables", "expected"),
    [({}, "0"), ({"DEBUG": "false"}, "60"), ({"CONN_MAX_AGE": "5"}, "5")],
)
def test_runserver_closes_database_connections_after_each_request(variables, expected):
    # runserver's thread per request would otherwise each hold a connection.
    script = (
        "from django.conf import settings;"
        " print(settings.DATABASES['default']['CONN_MAX_AGE'])"
    )
    result = _run_manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        extra_env={"DATABASE_URL": _test_database_url(), **variables},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [expected]


def test_production_refuses_to_start_with_debug_on(production_env):
    result = _run_manage("check", extra_env={**production_env, "DEBUG": "true"})
    assert result.returncode != 0
    assert "DEBUG must be off in production" in result.stderr


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({}, "True"),
        ({"DEBUG": "false"}, "False"),
        # The old name is no longer read.
        ({"DJANGO_DEBUG": "false"}, "True"),
    ],
)
def test_debug_flag_is_read_from_debug(variables, expected):
    script = "from django.conf import settings; print(settings.DEBUG)"
    result = _run_manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        extra_env={"DATABASE_URL": _test_database_url(), **variables},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [expected]


# Runs inside `manage.py shell` under production settings: plain HTTP to the
# health check and to the home page, as a load balancer and a visitor would.
HEALTH_CHECK_SCRIPT = """
from django.test import Client
client = Client()
for path in ("/healthz", "/"):
    response = client.get(path)
    print(path, response.status_code, response.get("Location", "-"))
"""


def test_health_check_over_plain_http_is_not_redirected_in_production(
    production_env,
):
    result = _run_manage(
        "shell", "--no-imports", "-c", HEALTH_CHECK_SCRIPT, extra_env=production_env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "/healthz 200 -",
        "/ 301 https://testserver/",
    ]


# Runs inside `manage.py shell` under production settings: the survey's start
# page (which sets the CSRF cookie) and "Start now" (which sets the survey's
# own cookie, survey/respondent.py), both over HTTPS.
HTTPS_RESPONSE_SCRIPT = """
from django.conf import settings
# Headers and cookies are the point here, not collected static files, which a
# fresh clone has not built (the manifest storage would refuse every page).
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
from django.test import Client
client = Client()
slug = "https-check"
for method, path in (("get", f"/survey/{slug}/"), ("post", f"/survey/{slug}/begin/")):
    response = getattr(client, method)(path, secure=True)
    print("STATUS", response.status_code)
    print("HSTS", response.get("Strict-Transport-Security", "-"))
    for morsel in response.cookies.values():
        print("COOKIE", morsel.OutputString())
"""


@pytest.mark.django_db(transaction=True)
def test_https_responses_carry_hsts_and_secure_httponly_samesite_cookies(
    production_env,
):
    # Committed, so the subprocess sees the wave.
    wave_with_questionnaire(slug="https-check")
    result = _run_manage(
        "shell", "--no-imports", "-c", HTTPS_RESPONSE_SCRIPT, extra_env=production_env
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line for line in lines if line.startswith("STATUS")] == [
        "STATUS 200",
        "STATUS 302",
    ]
    hsts = [line for line in lines if line.startswith("HSTS")]
    assert (
        hsts
        == [
            "HSTS max-age=63072000; includeSubDomains; preload",
        ]
        * 2
    )
    cookies = {
        line.split()[1].split("=", 1)[0]: line
        for line in lines
        if line.startswith("COOKIE")
    }
    # A respondent gets no database session at all.
    assert set(cookies) == {"csrftoken", "til_survey"}
    for cookie in cookies.values():
        attributes = {part.strip() for part in cookie.split(";")}
        assert {"Secure", "HttpOnly", "SameSite=Lax"} <= attributes, cookie
    assert "Path=/survey/" in cookies["til_survey"]


def test_production_cookies_hsts_and_static_files(production_env):
    script = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE,"
        " s.SECURE_HSTS_SECONDS > 0, s.DEBUG,"
        " s.STORAGES['staticfiles']['BACKEND'].rsplit('.', 1)[-1])"
    )
    result = _run_manage(
        "shell", "--no-imports", "-c", script, extra_env=production_env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "True",
        "True",
        "Lax",
        "True",
        "False",
        # whitenoise: compressed files with hashed names
        "CompressedManifestStaticFilesStorage",
    ]
