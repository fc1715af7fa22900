"""Staff sign-in: password, then a TOTP code; lockout; idle timeout."""

import time
from http import HTTPStatus
from io import StringIO

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff.demo import demo_totp_key
from staff.middleware import LAST_SEEN_KEY, SIGNED_IN_KEY
from staff.roles import ANALYST
from staff.testing import sign_in_with_two_factor
from staff.tests.fixtures import PASSWORD, staff_user

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def _code(device: TOTPDevice) -> str:
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{code:06d}"


def _password(client, username="analyst", password=PASSWORD, **extra):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, **extra
    )


@pytest.fixture
def analyst_with_device(db):
    user = staff_user("analyst", ANALYST)
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    return user, device


def test_password_alone_does_not_open_the_admin(client, analyst_with_device):
    response = _password(client)
    assert response.status_code == HTTPStatus.FOUND
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("admin:two_factor"))
    assert "Code from your authenticator app" in response.content.decode()
    assert client.get(reverse("admin:survey_response_changelist")).status_code == (
        HTTPStatus.FOUND
    )


def test_the_right_code_opens_the_admin(client, analyst_with_device):
    _, device = analyst_with_device
    _password(client)
    response = client.post(
        reverse("admin:two_factor"), {"token": _code(device), "next": "/admin/"}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == HTTPStatus.OK


def test_a_wrong_code_is_an_error_and_keeps_the_admin_closed(
    client, analyst_with_device
):
    _, device = analyst_with_device
    _password(client)
    wrong = f"{(int(_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("admin:two_factor"), {"token": wrong})
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "<title>Error:" in html
    assert "The code is not right or has expired" in html
    assert client.get("/admin/").status_code == HTTPStatus.FOUND


def test_code_step_refuses_an_offsite_next_address(client, analyst_with_device):
    _, device = analyst_with_device
    _password(client)
    response = client.post(
        reverse("admin:two_factor"),
        {"token": _code(device), "next": "https://evil.example/"},
    )
    assert response["Location"] == "/admin/"


def test_staff_without_a_device_set_one_up_with_a_qr_code(client):
    staff_user("analyst", ANALYST)
    _password(client)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("admin:two_factor_setup"))
    html = response.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html
    assert 'class="staff-secret"' in html
    assert "<script>" not in html and "style=" not in html
    device = TOTPDevice.objects.get(user__username="analyst")
    assert not device.confirmed
    # Reloading the page keeps the same secret, so a scanned code still works.
    client.get(reverse("admin:two_factor_setup"))
    assert TOTPDevice.objects.filter(user__username="analyst").count() == 1
    response = client.post(reverse("admin:two_factor_setup"), {"token": _code(device)})
    assert response.status_code == HTTPStatus.FOUND
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == HTTPStatus.OK


def test_set_up_is_refused_once_a_device_is_confirmed(client, analyst_with_device):
    _password(client)
    response = client.get(reverse("admin:two_factor_setup"))
    assert response["Location"].startswith(reverse("admin:two_factor"))
    assert TOTPDevice.objects.count() == 1


def test_code_pages_send_signed_out_people_to_sign_in(client):
    for name in ("admin:two_factor", "admin:two_factor_setup"):
        response = client.get(reverse(name))
        assert response["Location"].startswith(LOGIN)


def test_repeated_failures_lock_out_that_username_from_that_address(client, settings):
    staff_user("analyst", ANALYST)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _password(client, password="wrong-password", REMOTE_ADDR="10.1.1.1")
    locked = _password(client, REMOTE_ADDR="10.1.1.1")
    assert locked.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Sign-in locked for now" in locked.content.decode()
    assert locked["Retry-After"] == str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    # The same username from another address, and another username from the
    # same address, can still sign in.
    other_address = _password(Client(), REMOTE_ADDR="10.2.2.2")
    assert other_address.status_code == HTTPStatus.FOUND
    staff_user("editor", None)
    other_user = _password(Client(), username="editor", REMOTE_ADDR="10.1.1.1")
    assert other_user.status_code == HTTPStatus.FOUND


def test_lockout_settings_count_username_and_address_together(settings):
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AUTHENTICATION_BACKENDS[0].startswith("axes.")


def _signed_in(client, user):
    sign_in_with_two_factor(client, user)
    client.get("/admin/")
    return client


def test_idle_staff_sessions_end(client, analyst_with_device, settings):
    user, _ = analyst_with_device
    _signed_in(client, user)
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - settings.STAFF_SESSION_IDLE_MINUTES * 60 - 5
    session.save()
    response = client.get("/admin/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_active_staff_sessions_continue_and_expire_when_idle(
    client, analyst_with_device, settings
):
    user, _ = analyst_with_device
    _signed_in(client, user)
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 10 * 60
    session.save()
    assert client.get("/admin/").status_code == HTTPStatus.OK
    assert client.session.get_expiry_age() <= settings.STAFF_SESSION_IDLE_MINUTES * 60


def test_long_staff_sessions_end_after_the_working_day(
    client, analyst_with_device, settings
):
    user, _ = analyst_with_device
    _signed_in(client, user)
    session = client.session
    session[SIGNED_IN_KEY] = time.time() - settings.STAFF_SESSION_MAX_HOURS * 3600 - 5
    session.save()
    assert client.get("/admin/").status_code == HTTPStatus.FOUND


def test_public_sessions_are_not_given_the_staff_timeout(client):
    session = client.session
    session["survey"] = {"wave": "token"}
    session.save()
    client.get("/")
    assert LAST_SEEN_KEY not in client.session
    assert client.session.get_expiry_age() > 60 * 60


@pytest.mark.parametrize(
    "password", ["short1", "password12345", "123456789012", "analyst-example"]
)
def test_weak_passwords_are_refused(password):
    user = staff_user("analyst", ANALYST)
    user.email = "analyst-example@example.org"
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_demo_otp_prints_the_current_code_for_a_demo_account():
    out = StringIO()
    call_command("demo_otp", "demo-analyst", stdout=out)
    assert (
        out.getvalue().strip()
        == f"{totp(bytes.fromhex(demo_totp_key('demo-analyst'))):06d}"
    )


def test_demo_otp_refuses_other_accounts_and_production(settings):
    with pytest.raises(CommandError, match="not a demo account"):
        call_command("demo_otp", "someone", stdout=StringIO())
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="never runs in production"):
        call_command("demo_otp", "demo-analyst", stdout=StringIO())


def test_demo_staff_have_roles_and_confirmed_devices():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    for username, group in [
        ("demo-admin", "VRU admin"),
        ("demo-analyst", "VRU analyst"),
        ("demo-editor", "VRU editor"),
    ]:
        device = TOTPDevice.objects.get(user__username=username)
        assert device.confirmed
        assert device.key == demo_totp_key(username)
        assert device.user.groups.filter(name=group).exists()
        assert f"python manage.py demo_otp {username}" in out.getvalue()
