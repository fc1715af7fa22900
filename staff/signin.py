"""Two-factor sign-in helpers: the client address, devices and QR codes."""

import base64
import io

import qrcode
import qrcode.image.svg
from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice


def client_ip(request: HttpRequest) -> str:
    """The client's address, trusting as many X-Forwarded-For hops as proxies.

    The same rule as the survey's rate limits (SURVEY_TRUSTED_PROXIES).
    """
    proxies = settings.SURVEY_TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def lockout_response(
    request: HttpRequest, original_response=None, credentials=None
) -> HttpResponse:
    """django-axes' lockout page (429), saying when to try again in Retry-After."""
    cool_off = get_cool_off(request)
    response = render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        {
            "failure_limit": get_failure_limit(request, credentials),
            "cooloff_timedelta": cool_off,
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


def confirmed_device(user) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if any."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def enrolment_device(user) -> TOTPDevice:
    """The unconfirmed device being set up, made once and kept until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name="Authenticator app", confirmed=False
        )
    return device


def secret_base32(device: TOTPDevice) -> str:
    """The device's secret as typed into an authenticator app, in groups of 4."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(text: str) -> str:
    """An SVG QR code as a data: URI, so it needs neither inline style nor script."""
    image = qrcode.make(
        text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2
    )
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def device_verify(request: HttpRequest, device: TOTPDevice, token: str) -> bool:
    """Check a code against a device (throttled by django-otp); sign in on success."""
    token = "".join(token.split())
    if not token.isdigit() or not device.verify_is_allowed()[0]:
        return False
    if not device.verify_token(token):
        return False
    # A new session key for the raised privilege, as Django does at login.
    request.session.cycle_key()
    otp_login(request, device)
    return True
