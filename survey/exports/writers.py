"""Writers: responses as CSV or XLSX, streamed a chunk at a time."""

import csv
from collections.abc import Callable

from django.db.models import QuerySet

from survey.exports.cells import cell_from_text
from survey.exports.columns import DICTIONARY_HEADERS, Column, dictionary_rows
from survey.exports.rows import rows_built
from survey.xlsx import StreamingWorkbook


def responses_write_csv(
    queryset: QuerySet,
    columns: list[Column],
    stream,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the responses as CSV, a chunk at a time; return the row count."""
    writer = csv.writer(stream)
    writer.writerow([cell_from_text(column.name) for column in columns])
    count = 0
    for row in rows_built(queryset, columns, progress):
        writer.writerow(row)
        count += 1
    return count


def responses_write_xlsx(
    queryset: QuerySet,
    columns: list[Column],
    path,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the responses, and the data dictionary, as an XLSX file.

    ``survey.xlsx`` streams each row into the file as plain values and inline
    strings, so memory does not grow with the number of responses (openpyxl's
    write-only workbook also streams, but is about 20 times slower).
    """
    workbook = StreamingWorkbook(path)
    try:
        count = workbook.write_sheet(
            "Responses",
            [cell_from_text(column.name) for column in columns],
            rows_built(queryset, columns, progress),
        )
        workbook.write_sheet(
            "Data dictionary", DICTIONARY_HEADERS, dictionary_rows(columns)
        )
    finally:
        workbook.close()
    return count
