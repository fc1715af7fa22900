"""Test support: a sign-in that has passed both steps, password and code."""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def sign_in_with_two_factor(client: Client, user) -> Client:
    """Sign ``user`` in on ``client``; for staff, also verify an authenticator.

    Every admin page needs the code step too (staff/sites.py); the staff tests
    of the code step itself sign in through the real forms instead.
    """
    client.force_login(user)
    if user.is_staff:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(
                user=user, name="Test device", confirmed=True
            )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
