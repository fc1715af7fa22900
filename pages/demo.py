"""Demo staff accounts for development (the seed_demo command)."""

from django.contrib.auth import get_user_model

DEMO_PASSWORD = "demo-only-password-2024"  # noqa: S105 - development demo data only

DEMO_STAFF = [
    ("demo-admin", "Demo VRU administrator", True),
]


def seed_demo() -> list[str]:
    """Create the demo staff accounts if missing; report their sign-ins."""
    user_model = get_user_model()
    lines = []
    for username, first_name, is_superuser in DEMO_STAFF:
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "is_staff": True,
                "is_superuser": is_superuser,
                "email": f"{username}@example.org",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        lines.append(f"Sign in: {username} / {DEMO_PASSWORD} ({first_name})")
    return lines
