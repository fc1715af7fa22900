"""The one export of submitted responses, recorded in the audit trail."""

import io
from collections.abc import Callable

from django.db.models import QuerySet

from audit.models import AuditEvent
from audit.services import audit_record
from survey.exports.columns import Column, columns_for_queryset
from survey.exports.writers import responses_write_csv, responses_write_xlsx
from tilondon.replica import replica_reads

FORMATS = ("csv", "xlsx")


def responses_export(
    *,
    queryset: QuerySet,
    file_format: str,
    output,
    user=None,
    username: str = "",
    filters: dict | None = None,
    detail: dict | None = None,
    columns: list[Column] | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the submitted responses of ``queryset`` and record the export.

    ``output`` is a path or a binary stream. CSV has a byte-order mark, so
    Excel reads it as UTF-8; XLSX has the data dictionary as a second sheet.
    Returns the number of responses written.
    """
    if file_format not in FORMATS:
        raise ValueError(f"Cannot export as {file_format!r}.")
    # Read from the replica when there is one; the audit record below is a
    # write, so it goes to the primary whatever the block.
    with replica_reads():
        columns = columns if columns is not None else columns_for_queryset(queryset)
        if file_format == "xlsx":
            count = responses_write_xlsx(queryset, columns, output, progress)
        elif isinstance(output, io.IOBase):
            text = io.TextIOWrapper(output, encoding="utf-8-sig", newline="")
            count = responses_write_csv(queryset, columns, text, progress)
            text.flush()
            text.detach()
        else:
            with open(output, "w", newline="", encoding="utf-8-sig") as text:
                count = responses_write_csv(queryset, columns, text, progress)
    audit_record(
        action=AuditEvent.Action.EXPORT,
        user=user,
        username=username,
        filters=filters,
        row_count=count,
        file_format=file_format,
        detail=detail,
    )
    return count
