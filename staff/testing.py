"""Test support: a forced login that also passes the two-factor step."""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

_plain_force_login = Client.force_login


def force_login_with_two_factor(client: Client, user, backend=None) -> None:
    """Sign ``user`` in, and for staff also verify a (test) authenticator device.

    ``force_login`` stands for a completed sign-in; for staff that now
    includes the code step, or every admin page would send them back to it.
    """
    _plain_force_login(client, user, backend)
    if not user.is_staff:
        return
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name="Test device", confirmed=True
        )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
