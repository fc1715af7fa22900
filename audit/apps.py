"""The audit app: the trail every app writes to, importing none of them."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The audit trail's model, its one writer and its read-only admin."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "audit"
    verbose_name = "Audit trail"
