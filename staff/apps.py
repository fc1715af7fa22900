"""The staff app: roles, two-factor sign-in, demo accounts and the admin site."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class StaffConfig(AppConfig):
    """Roles, sign-in with a code, and the staff-only pages."""

    default = True
    default_auto_field = "django.db.models.BigAutoField"
    name = "staff"
    verbose_name = "Staff"


class StaffAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the two-factor staff site as the default site."""

    default = False
    default_site = "staff.sites.StaffAdminSite"
