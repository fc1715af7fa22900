"""Codes leaving the admin: ``export_codes`` rows, and what the response export
gets from this app (a 0/1 column per code, and the redaction masks)."""

import csv
import io

from django.db.models import QuerySet

from audit.models import AuditEvent
from audit.services import audit_record
from coding.agreed import agreed_codes
from coding.models import Code, Coding, Redaction
from survey.exports.cells import cell_from_answer, cell_from_text
from survey.exports.extensions import ExportExtension, export_extension_register
from survey.models import Wave
from survey.redaction import answers_masked, redaction_lookup_register, redactions_for
from survey.xlsx import StreamingWorkbook

CODE_HEADERS = [
    "reference",
    "wave",
    "sector",
    "question_code",
    "answer",
    "code",
    "parent_code",
    "coder",
    "note",
]


def redaction_spans(responses: QuerySet) -> dict[int, dict[str, list]]:
    """Flagged passages of ``responses``: {pk: {question code: [(start, end)]}}."""
    spans: dict[int, dict[str, list]] = {}
    for pk, code, start, end in Redaction.objects.filter(
        response__in=responses
    ).values_list("response_id", "question__code", "start", "end"):
        spans.setdefault(pk, {}).setdefault(code, []).append((start, end))
    return spans


def code_column_name(code: Code) -> str:
    """A response-export column for one code: ``code__<id>__<name>``."""
    return f"code__{code.pk}__{code.name}"


def _code_columns(wave_ids: list[int]) -> list[tuple[str, str]]:
    codes = Code.objects.filter(codebook__wave_id__in=wave_ids).select_related(
        "codebook__wave"
    )
    return [
        (
            code_column_name(code),
            f"1 if the agreed coding holds the code “{code.name}” "
            f"({code.codebook.wave.slug} codebook); 0 if not; blank if nobody "
            "has coded the response",
        )
        for code in codes.order_by("codebook__wave__opens_at", "order", "id")
    ]


def _code_cells(response_ids: list[int], names: list[str]) -> dict[int, list]:
    """The code columns' cells of one chunk of the response export's rows."""
    ids = [int(name.split("__")[1]) for name in names]
    agreed = agreed_codes(response_ids)
    # A response nobody has coded yet is left blank, not 0.
    return {
        pk: [1 if code_id in codes else 0 for code_id in ids]
        for pk, codes in agreed.items()
    }


def register_with_survey() -> None:
    """Hand the survey's export the code columns and the redaction lookup."""
    redaction_lookup_register(redaction_spans)
    export_extension_register(_EXTENSION)


_EXTENSION = ExportExtension(columns=_code_columns, cells=_code_cells)


def code_rows(wave: Wave):
    """One row per response, question and code applied (per coder), masked.

    An answer a coder coded with no code gets one row with the code blank.
    """
    codings = (
        Coding.objects.filter(response__wave=wave, response__status="submitted")
        .select_related("response", "question", "coder")
        .prefetch_related("codes__parent")
        .order_by("response__submitted_at", "response_id", "question__order", "id")
    )
    masks = redactions_for(wave.responses.submitted())
    for coding in codings.iterator(chunk_size=2000):
        response = coding.response
        answers = answers_masked(response.answers, masks.get(response.pk))
        base = [
            cell_from_answer(response.reference),
            cell_from_answer(wave.slug),
            cell_from_answer(response.sector),
            cell_from_answer(coding.question.code),
            cell_from_answer(answers.get(coding.question.code, "")),
        ]
        tail = [
            cell_from_answer(coding.coder.get_username()),
            cell_from_answer(coding.note),
        ]
        codes = list(coding.codes.all()) or [None]
        for code in codes:
            yield [
                *base,
                cell_from_answer(code.name if code else ""),
                cell_from_answer(code.parent.name if code and code.parent else ""),
                *tail,
            ]


def codes_export(*, wave: Wave, output: str, user=None, username: str = "") -> int:
    """Write ``code_rows`` to ``output`` (.csv or .xlsx) and record the export."""
    file_format = "xlsx" if str(output).lower().endswith(".xlsx") else "csv"
    headers = [cell_from_text(h) for h in CODE_HEADERS]
    if file_format == "xlsx":
        workbook = StreamingWorkbook(output)
        try:
            count = workbook.write_sheet("Codes", headers, code_rows(wave))
        finally:
            workbook.close()
    else:
        with open(output, "w", newline="", encoding="utf-8-sig") as stream:
            count = _csv_write(stream, headers, code_rows(wave))
    audit_record(
        action=AuditEvent.Action.EXPORT,
        user=user,
        username=username,
        filters={"wave": wave.slug},
        row_count=count,
        file_format=file_format,
        detail={"export": "codes"},
    )
    return count


def _csv_write(stream: io.TextIOBase, headers, rows) -> int:
    writer = csv.writer(stream)
    writer.writerow(headers)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count
