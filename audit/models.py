"""The audit trail: who did what to personal data, and when."""

from django.conf import settings
from django.db import models


class AuditEventQuerySet(models.QuerySet):
    """Queries over audit events."""

    def of_action(self, action: str):
        """Events of one kind."""
        return self.filter(action=action)


class AuditEvent(models.Model):
    """One export, view of contact details, deletion, withdrawal or retention run.

    Written by services only and never edited: the admin shows it read-only.
    The username is copied so the record survives the account's deletion.
    """

    class Action(models.TextChoices):
        EXPORT = "export", "Exported responses"
        DATA_DICTIONARY = "data_dictionary", "Downloaded the data dictionary"
        VIEW_CONTACT = "view_contact", "Viewed contact details"
        DELETE_CONTACT = "delete_contact", "Deleted contact details"
        DELETE_RESPONSE = "delete_response", "Deleted a response"
        RETENTION = "retention", "Retention clean-up"
        CASE_STUDY = "case_study", "Started a case study from a response"
        WITHDRAWAL = "withdrawal", "A respondent withdrew their response"
        FINDINGS_PUBLISH = "findings_publish", "Published a findings release"
        FINDINGS_UNPUBLISH = "findings_unpublish", "Unpublished a findings release"
        CODEBOOK_CHANGE = "codebook_change", "Changed a codebook"
        REDACTION = "redaction", "Flagged a passage for redaction"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    username = models.CharField(
        max_length=150, blank=True, help_text="Kept if the account is deleted."
    )
    action = models.CharField(max_length=30, choices=Action.choices)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    filters = models.JSONField(default=dict, blank=True)
    row_count = models.PositiveIntegerField(null=True, blank=True)
    file_format = models.CharField(max_length=10, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        # The table (and index) keep the names they had in the staff app.
        db_table = "staff_auditevent"
        verbose_name = "audit event"
        indexes = [models.Index(fields=["action", "-at"], name="staff_audit_action_at")]

    def __str__(self):
        who = self.username or "system"
        return f"{self.get_action_display()} by {who} at {self.at:%Y-%m-%d %H:%M}"
