"""Bring the VRU role groups back to their definition in staff/roles.py."""

from django.apps import apps
from django.core.management.base import BaseCommand

from staff.roles import ROLES, roles_sync


class Command(BaseCommand):
    """Create the role groups and set each one's permissions exactly."""

    help = (
        "Create the VRU analyst, editor and admin groups and give each exactly "
        "the permissions in staff/roles.py (run after adding models)."
    )

    def handle(self, *args, **options):
        roles_sync(apps)
        self.stdout.write(self.style.SUCCESS(f"Roles in step: {', '.join(ROLES)}."))
