"""The one way to write to the audit trail."""

from audit.models import AuditEvent


def audit_record(
    *,
    user=None,
    action: str,
    obj=None,
    filters: dict | None = None,
    row_count: int | None = None,
    file_format: str = "",
    detail: dict | None = None,
    username: str = "",
) -> AuditEvent:
    """Add one event to the audit trail."""
    if user is not None and getattr(user, "is_authenticated", False):
        username = username or user.get_username()
    else:
        user = None
    return AuditEvent.objects.create(
        user=user,
        username=username,
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        filters=filters or {},
        row_count=row_count,
        file_format=file_format,
        detail=detail or {},
    )
