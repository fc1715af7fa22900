"""The throttling app: shared by the public forms, importing none of their apps."""

from django.apps import AppConfig


class ThrottlingConfig(AppConfig):
    """Rate-limit counters, the client address behind proxies, the honeypot field."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "throttling"
    verbose_name = "Throttling"
