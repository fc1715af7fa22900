"""Demo staff accounts for development (the seed_demo command).

One account per role, each with a confirmed authenticator (TOTP) device whose
secret is fixed and derived from the username, so a developer can add it to
an app once, or print the current code with ``manage.py demo_otp USERNAME``.
These secrets are public: the accounts exist only where seed_demo ran, and
seed_demo and demo_otp both refuse to run in production.
"""

import base64
import hashlib

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff.roles import ADMIN, ANALYST, EDITOR, roles_sync

DEMO_PASSWORD = "demo-only-password-2024"  # noqa: S105 - development demo data only

# (username, first name, role)
DEMO_STAFF = [
    ("demo-admin", "Demo VRU administrator", ADMIN),
    ("demo-analyst", "Demo VRU analyst", ANALYST),
    ("demo-editor", "Demo VRU editor", EDITOR),
]
DEMO_DEVICE_NAME = "Demo authenticator"


def demo_totp_key(username: str) -> str:
    """The demo device's fixed secret, as the 40 hex digits django-otp stores."""
    return hashlib.sha1(f"tilondon-demo-totp:{username}".encode()).hexdigest()  # noqa: S324 - a fixed demo secret, not a hash of anything secret


def demo_totp_base32(username: str) -> str:
    """The same secret as typed into an authenticator app."""
    return base64.b32encode(bytes.fromhex(demo_totp_key(username))).decode()


def seed_demo() -> list[str]:
    """Create the demo staff, their roles and authenticator devices if missing."""
    from django.apps import apps

    if not Group.objects.filter(name__in=[ADMIN, ANALYST, EDITOR]).count() == 3:
        roles_sync(apps)
    user_model = get_user_model()
    lines = []
    for username, first_name, role in DEMO_STAFF:
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "is_staff": True,
                "email": f"{username}@example.org",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=role))
        TOTPDevice.objects.get_or_create(
            user=user,
            name=DEMO_DEVICE_NAME,
            defaults={"key": demo_totp_key(username), "confirmed": True},
        )
        lines.append(
            f"Sign in: {username} / {DEMO_PASSWORD} ({role}); authenticator key "
            f"{demo_totp_base32(username)}, or run: "
            f"python manage.py demo_otp {username}"
        )
    return lines
