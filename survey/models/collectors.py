"""Collectors: the named links a wave is shared through, one per cascade."""

import secrets
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from survey.models.waves import Wave
from vocabulary.choices import Borough

# No 0/O, 1/I/L or U, so a code read off a slide or a poster is not mistyped.
COLLECTOR_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
COLLECTOR_CODE_LENGTH = 10
# The query parameter that carries a collector's code on the survey's pages.
VIA = "via"


def collector_code_new() -> str:
    """A fresh unguessable code: 10 characters from 30, about 49 bits."""
    return "".join(
        secrets.choice(COLLECTOR_ALPHABET) for _ in range(COLLECTOR_CODE_LENGTH)
    )


class CollectorQuerySet(models.QuerySet):
    """Queries over collectors."""

    def usable(self, wave: Wave, code: str, now: datetime | None = None):
        """The active, unexpired collector of ``wave`` with ``code`` (or none).

        Anything else (unknown, expired, inactive, another wave's, malformed)
        matches nothing, so the response is recorded as direct.
        """
        code = (code or "").strip().upper()
        if len(code) != COLLECTOR_CODE_LENGTH or not set(code) <= set(
            COLLECTOR_ALPHABET
        ):
            return self.none()
        now = now or timezone.now()
        return self.filter(wave=wave, code=code, active=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class Collector(models.Model):
    """A named link for one wave, given to a borough, organisation or network.

    A response records the collector it came through; the collector holds no
    name or email of anyone who answered.
    """

    class Kind(models.TextChoices):
        BOROUGH = "borough", "Borough"
        ORGANISATION = "organisation", "Organisation"
        NETWORK = "network", "Network"

    name = models.CharField(
        max_length=200,
        help_text='Who the link is for, e.g. "Directors of Public Health network".',
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    borough = models.CharField(
        max_length=40, choices=Borough.choices, blank=True, help_text="If any."
    )
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="collectors")
    code = models.CharField(
        max_length=COLLECTOR_CODE_LENGTH,
        default=collector_code_new,
        editable=False,
        help_text="Made when the link is created; unguessable.",
    )
    expires_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="London time. Optional: after this, people who use the link "
        "still answer, counted as direct.",
    )
    active = models.BooleanField(
        default=True,
        help_text="Untick to stop attributing responses to this link (they are "
        "then counted as direct); the link keeps working.",
    )
    created_by = models.CharField(max_length=150, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CollectorQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["code"], name="survey_collector_code"),
            models.CheckConstraint(
                condition=~Q(kind="borough") | ~Q(borough=""),
                name="survey_collector_borough_kind_has_borough",
            ),
        ]
        ordering = ["wave", "name"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def get_absolute_url(self):
        return f"{self.wave.get_absolute_url()}?{VIA}={self.code}"

    def clean(self):
        """A borough's link names its borough (the database refuses it too)."""
        if self.kind == self.Kind.BOROUGH and not self.borough:
            raise ValidationError(
                {"borough": "Choose the borough this link is for"}, code="required"
            )
