"""The staff app: roles, audit trail, two-factor sign-in, dashboard, retention."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class StaffConfig(AppConfig):
    """Roles, the audit trail and the staff-only pages."""

    default = True
    default_auto_field = "django.db.models.BigAutoField"
    name = "staff"
    verbose_name = "Staff and audit"


class StaffAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the two-factor staff site as the default site."""

    default = False
    default_site = "staff.sites.StaffAdminSite"
