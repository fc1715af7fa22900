"""Under production settings the demo accounts cannot sign in; a bad next is safe."""

import logging
import subprocess
import sys
from http import HTTPStatus

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from staff.demo import DEMO_PASSWORD, seed_demo
from staff.roles import ANALYST
from staff.tests.fixtures import PASSWORD, staff_user

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def test_production_settings_refuse_demo_accounts():
    code = (
        "import django; django.setup(); from django.conf import settings;"
        "print(settings.STAFF_REFUSE_DEMO_ACCOUNTS)"
    )
    environ = {
        "DJANGO_SETTINGS_MODULE": "tilondon.settings",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
    }
    production = {
        **environ,
        "DJANGO_ENV": "production",
        "SECRET_KEY": "a-real-secret-for-this-test-only-" + "x7Qp2" * 8,
        "ALLOWED_HOSTS": "example.org",
        "SITE_URL": "https://example.org",
        "EMAIL_URL": "smtp://127.0.0.1:25",
    }
    outputs = [
        subprocess.run(  # noqa: S603 - fixed arguments
            [sys.executable, "-c", code],
            cwd=django_settings.BASE_DIR,
            env=variables,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        for variables in (environ, production)
    ]
    assert outputs == [["False"], ["True"]]


def test_a_demo_account_cannot_sign_in_under_production_settings(settings, caplog):
    seed_demo()
    settings.STAFF_REFUSE_DEMO_ACCOUNTS = True
    client = Client()
    with caplog.at_level(logging.WARNING, logger="staff.backends"):
        response = client.post(
            LOGIN, {"username": "demo-admin", "password": DEMO_PASSWORD}
        )
    assert response.status_code == HTTPStatus.OK
    assert "_auth_user_id" not in client.session
    assert (
        "Demo staff account refused under production settings: demo-admin"
        in caplog.text
    )


def test_a_demo_session_from_development_ends_under_production_settings(settings):
    seed_demo()
    client = Client()
    client.force_login(get_user_model().objects.get(username="demo-analyst"))
    settings.STAFF_REFUSE_DEMO_ACCOUNTS = True
    response = client.get("/admin/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(LOGIN)


def test_demo_accounts_sign_in_in_development(settings):
    seed_demo()
    settings.STAFF_REFUSE_DEMO_ACCOUNTS = False
    client = Client()
    client.post(LOGIN, {"username": "demo-admin", "password": DEMO_PASSWORD})
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/admin/", "javascript:x"]
)
def test_sign_in_with_an_unsafe_next_lands_on_the_admin(next_url):
    staff_user("analyst", ANALYST)
    response = Client().post(
        LOGIN, {"username": "analyst", "password": PASSWORD, "next": next_url}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("admin:index")
