"""The staff app: roles, two-factor sign-in, demo accounts and the admin site."""

from django.apps import AppConfig, apps
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class StaffConfig(AppConfig):
    """Roles, sign-in with a code, and the staff-only pages."""

    default = True
    default_auto_field = "django.db.models.BigAutoField"
    name = "staff"
    verbose_name = "Staff"

    def ready(self):
        """Sync the role groups after every migrate (and every test flush).

        Django sends post_migrate once per app that has models, and this app
        has none, so the handler listens for auth's: ``roles_sync`` creates
        every app's permissions itself, so it need not wait for the others.
        """
        post_migrate.connect(
            roles_sync_after_migrate,
            sender=apps.get_app_config("auth"),
            dispatch_uid="staff_roles_sync",
        )

    def seed_demo(self) -> list[str]:
        """Load this app's demo content (the seed_demo command); lines to report."""
        from staff.demo import seed_demo

        return seed_demo()


def roles_sync_after_migrate(sender, **kwargs) -> None:
    """Give each role group exactly its permissions, new models' included.

    ``migrate`` passes its app registry; ``flush`` passes none, so the
    installed apps' is used.
    """
    from staff.roles import roles_sync

    roles_sync(kwargs.get("apps") or apps)


class StaffAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the two-factor staff site as the default site."""

    default = False
    default_site = "staff.sites.StaffAdminSite"
