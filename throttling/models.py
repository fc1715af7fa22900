"""Rate-limit counters, kept in the database so every web worker shares them."""

from django.db import models


class RateLimitBucket(models.Model):
    """A counter of events (drafts started, links emailed) per key per window.

    Keys are a session key or a keyed hash of an IP address, never the address.

    Kept in the database, not a per-process cache, so the limit holds across
    every web worker.
    """

    key = models.CharField(max_length=80)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        # The table and its constraint keep the names they had in the survey app.
        db_table = "survey_ratelimitbucket"
        constraints = [
            models.UniqueConstraint(
                fields=["key", "window_start"], name="survey_ratelimit_key_window"
            )
        ]
        indexes = [
            models.Index(fields=["window_start"], name="survey_ratelimit_window")
        ]

    def __str__(self):
        return f"{self.key} @ {self.window_start:%Y-%m-%d %H:%M}: {self.count}"
