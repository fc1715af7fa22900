"""Exports of submitted responses: one row per response, one column per code.

Layout (see docs/admin.md):
- ``reference``, ``wave``, ``submitted_at``, ``started_at`` (ISO 8601 in London
  time, with the offset), ``case_study_contact`` (1 if contact details are held);
- one column per question code, holding the answer's label (not its code);
- a multiple-choice question (and the multi-select borough question) becomes
  one column per option, ``<code>__<option>``, holding 1 or 0, and blank when
  the question was not answered; "Other" free text goes in ``<code>_other``.

Every cell passes through ``cell_safe`` on its way out, in CSV and XLSX alike.
The same row builder serves the admin (django-import-export's ``Resource``)
and the streaming ``export_responses`` command.
"""

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, QuerySet
from import_export import resources
from import_export.fields import Field

from survey.models import ContactDetails, Question, Wave
from survey.xlsx import StreamingWorkbook

LONDON = ZoneInfo("Europe/London")
CHUNK_SIZE = 2000

# A spreadsheet reads a cell starting with one of these as a formula (or, for
# tab and carriage return, shifts what follows into one): OWASP's list, plus
# the full-width forms some spreadsheets also accept.
FORMULA_TRIGGERS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
# Control characters an XLSX file cannot hold (openpyxl refuses them).
ILLEGAL_CHARACTERS = re.compile(r"[\000-\010\013\014\016-\037]")

META_COLUMNS = ["reference", "wave", "submitted_at", "started_at"]
CONTACT_COLUMN = "case_study_contact"
ROW_FIELDS = (
    "reference",
    "wave__slug",
    "submitted_at",
    "started_at",
    "contact_consented",
    "answers",
)


def cell_safe(value):
    """A value that opens as plain text in Excel, LibreOffice and Sheets.

    Text starting with a formula trigger (after any leading spaces) gets a
    leading apostrophe, so it is shown, never run; control characters that
    XLSX cannot hold are dropped. Numbers and None pass unchanged.
    """
    if not isinstance(value, str) or not value:
        return value
    value = ILLEGAL_CHARACTERS.sub("", value)
    first = value[:1]
    if first in FORMULA_TRIGGERS or (
        first.isspace() and value.lstrip()[:1] in FORMULA_TRIGGERS
    ):
        return "'" + value
    return value


def iso_london(moment: datetime | None) -> str:
    """An instant as ISO 8601 in London time, with its offset."""
    if moment is None:
        return ""
    return moment.astimezone(LONDON).isoformat(timespec="seconds")


@dataclass
class Column:
    """One export column: its header and how it reads a response's answers."""

    name: str
    question: Question | None = None
    option: dict | None = None
    kind: str = "meta"
    waves: list[str] = field(default_factory=list)
    # Every answer code the code's question had in the waves exported, with
    # the newest label, and the waves that offered each (see columns_for_waves).
    options: list[dict] = field(default_factory=list)

    def describe(self) -> dict[str, str]:
        """This column's row in the data dictionary."""
        question = self.question
        if question is None:
            return {
                "column": self.name,
                "question_code": "",
                "question": META_DESCRIPTIONS[self.name],
                "type": "",
                "values": "",
                "waves": "",
            }
        if self.kind == "flag":
            values = f"1 = {self.option['label']} ({self.option['code']}); 0 = not"
            values += self._offered_in(self.option)
        elif self.kind == "label":
            values = "; ".join(
                option["label"] + self._offered_in(option) for option in self.options
            )
        elif self.kind == "other":
            values = 'Free text, when "Other" was chosen'
        elif self.kind == "number":
            values = "A whole number"
        else:
            values = "Free text"
        return {
            "column": self.name,
            "question_code": question.code,
            "question": question.text,
            "type": question.get_type_display(),
            "values": values,
            "waves": "; ".join(self.waves),
        }

    def _offered_in(self, option: dict) -> str:
        """A note naming the waves that offered an option, if not all of them."""
        offered = option.get("waves", self.waves)
        if set(offered) >= set(self.waves):
            return ""
        return f" (offered in {', '.join(offered)} only)"


META_DESCRIPTIONS = {
    "reference": "The response's reference, as shown to the respondent",
    "wave": "The survey wave (its code)",
    "submitted_at": "When it was submitted: ISO 8601, London time, with offset",
    "started_at": "When it was started: ISO 8601, London time, with offset",
    CONTACT_COLUMN: "1 if the respondent left contact details for a case study",
}

DICTIONARY_HEADERS = ["column", "question_code", "question", "type", "values", "waves"]


def export_queryset(queryset: QuerySet) -> QuerySet:
    """Submitted responses only, oldest first, as plain tuples for speed."""
    return (
        queryset.submitted()
        .order_by("submitted_at", "pk")
        .annotate(
            contact_consented=Exists(
                ContactDetails.objects.filter(response=OuterRef("pk"))
            )
        )
        .values_list(*ROW_FIELDS)
    )


def columns_for_waves(waves: Iterable[Wave]) -> list[Column]:
    """The columns for responses to these waves, in questionnaire order.

    A code is the same question in every wave, so it is one column; the most
    recent wave's order, wording and labels win, and codes only older waves
    asked come after. A choice question's options are those of every wave
    that asked it: the newest wave's first, then options only older waves
    offered, so an older answer keeps its 1/0 column and its label.
    """
    wave_ids = [wave.pk for wave in waves]
    questions = (
        Question.objects.filter(wave_id__in=wave_ids)
        .select_related("wave", "section")
        .order_by("-wave__opens_at", "section__order", "order", "id")
    )
    versions_of: dict[str, list[Question]] = {}
    for question in questions:
        versions_of.setdefault(question.code, []).append(question)
    columns = [Column(name) for name in META_COLUMNS]
    columns.append(Column(CONTACT_COLUMN))
    for code, versions in versions_of.items():
        question = versions[0]
        waves_list = sorted(version.wave.slug for version in versions)
        options = combined_options(versions)
        if question.is_multi_valued:
            columns.extend(
                Column(
                    f"{code}__{option['code']}",
                    question,
                    option,
                    "flag",
                    waves_list,
                    options,
                )
                for option in options
            )
        elif question.type in (Question.Type.SHORT_TEXT, Question.Type.LONG_TEXT):
            columns.append(Column(code, question, None, "text", waves_list))
        elif question.type == Question.Type.NUMBER:
            columns.append(Column(code, question, None, "number", waves_list))
        else:
            columns.append(Column(code, question, None, "label", waves_list, options))
        if any(version.other_text for version in versions):
            columns.append(
                Column(question.other_key, question, None, "other", waves_list)
            )
    return columns


def combined_options(versions: list[Question]) -> list[dict]:
    """Every answer code of one question code across waves, newest wave first.

    Each option carries the newest label it had and the slugs of the waves
    that offered it (sorted).
    """
    combined: dict[str, dict] = {}
    for version in versions:
        for option in version.options_with_labels():
            entry = combined.setdefault(
                option["code"], {"code": option["code"], "label": option["label"]}
            )
            entry.setdefault("waves", []).append(version.wave.slug)
    for entry in combined.values():
        entry["waves"] = sorted(set(entry["waves"]))
    return list(combined.values())


def columns_for_queryset(queryset: QuerySet) -> list[Column]:
    """The columns for whichever waves the responses in ``queryset`` belong to."""
    wave_ids = queryset.order_by().values("wave_id").distinct()
    return columns_for_waves(Wave.objects.filter(pk__in=wave_ids))


def row_builder(columns: list[Column]) -> Callable[[tuple], list]:
    """A function turning one ``export_queryset`` tuple into a row of safe cells.

    Work that does not depend on the row (labels, option lists) is done here
    once, so a row costs little more than reading its answers.
    """
    readers: list[Callable[[dict, str], list]] = []
    index = len(META_COLUMNS) + 1
    questions = columns[index:]
    position = 0
    while position < len(questions):
        column = questions[position]
        code = column.question.code if column.question else column.name
        if column.kind == "flag":
            options, offered = [], []
            while (
                position < len(questions)
                and questions[position].kind == "flag"
                and questions[position].question.code == code
            ):
                flag = questions[position]
                options.append(flag.option["code"])
                waves = set(flag.option.get("waves", flag.waves))
                offered.append(None if waves >= set(flag.waves) else waves)
                position += 1
            readers.append(_flags_reader(code, options, offered))
            continue
        if column.kind == "label":
            labels = {o["code"]: o["label"] for o in column.options}
            readers.append(_label_reader(code, labels))
        elif column.kind == "other":
            readers.append(_text_reader(column.name))
        else:
            readers.append(_text_reader(code))
        position += 1

    wave_cells: dict[str, str] = {}

    def build(values: tuple) -> list:
        reference, wave, submitted_at, started_at, has_contact, answers = values
        answers = answers if isinstance(answers, dict) else {}
        wave_cell = wave_cells.get(wave)
        if wave_cell is None:
            wave_cell = wave_cells.setdefault(wave, safe_cell(wave))
        # Every cell leaves through safe_cell, or is a number, a blank, an ISO
        # date or a label made safe once above: a control character anywhere
        # would make openpyxl refuse the file, and an answer of the wrong
        # shape (a list where a code was expected) is text by then.
        row = [
            safe_cell(reference),
            wave_cell,
            iso_london(submitted_at),
            iso_london(started_at),
            1 if has_contact else 0,
        ]
        for reader in readers:
            row.extend(reader(answers, wave))
        return row

    return build


def safe_cell(value):
    """``cell_safe`` for any answer value, as text unless a number or blank.

    Most text needs nothing, and this is every text cell of a large export,
    so that case is answered first with two checks made in C.
    """
    if value is None or value.__class__ is int or value.__class__ is float:
        return value
    if value.__class__ is not str:
        value = as_text(value)
    if (
        value
        and value[0] not in FORMULA_TRIGGERS
        and not value[0].isspace()
        and ILLEGAL_CHARACTERS.search(value) is None
    ):
        return value
    return cell_safe(value)


def as_text(value) -> str:
    """Any value as text: JSON for lists, mappings and booleans, else ``str``."""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple, dict, bool)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _flags_reader(code: str, options: list[str], offered: list[set[str] | None]):
    """1/0 per option; blank when unanswered, or when the response's wave did
    not offer that option (``offered``: the waves that did, None for all)."""
    blank = [None] * len(options)
    every_wave = all(waves is None for waves in offered)

    def read(answers: dict, wave: str) -> list:
        chosen = answers.get(code)
        if chosen in (None, "", []):
            return blank
        # Only codes count; anything else stored there is ignored, not a crash.
        if isinstance(chosen, list):
            chosen = {code for code in chosen if isinstance(code, str)}
        else:
            chosen = {chosen} if isinstance(chosen, str) else set()
        if every_wave:
            return [1 if option in chosen else 0 for option in options]
        return [
            (1 if option in chosen else 0) if waves is None or wave in waves else None
            for option, waves in zip(options, offered, strict=True)
        ]

    return read


def _label_reader(code: str, labels: dict[str, str]):
    safe_labels = {option: cell_safe(label) for option, label in labels.items()}

    def read(answers: dict, wave: str) -> list:
        value = answers.get(code)
        label = safe_labels.get(value) if value.__class__ is str else None
        return [safe_cell(value) if label is None else label]

    return read


def _text_reader(key: str):
    def read(answers: dict, wave: str) -> list:
        return [safe_cell(answers.get(key))]

    return read


def dictionary_rows(columns: list[Column]) -> list[list[str]]:
    """The data dictionary: one row per export column, in the same order."""
    return [
        [cell_safe(value) for value in column.describe().values()] for column in columns
    ]


class ResponseResource(resources.Resource):
    """Submitted responses for django-import-export, laid out as above.

    Its columns depend on the waves being exported, so they are worked out
    in ``before_export`` from the (filtered) queryset.
    """

    def __init__(self, columns: list[Column] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.columns = columns
        self._build = None

    @classmethod
    def get_display_name(cls):
        return "Submitted responses"

    def before_export(self, queryset, **kwargs):
        if self.columns is None:
            self.columns = columns_for_queryset(queryset)
        self.fields = {
            column.name: Field(column_name=column.name) for column in self.columns
        }
        self._build = row_builder(self.columns)

    def get_export_headers(self, selected_fields=None):
        return [cell_safe(column.name) for column in self.columns or []]

    def filter_export(self, queryset, **kwargs):
        return export_queryset(queryset)

    def export_resource(self, instance, selected_fields=None, **kwargs):
        return self._build(instance)


def responses_write_csv(
    queryset: QuerySet,
    columns: list[Column],
    stream,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the responses as CSV, a chunk at a time; return the row count."""
    writer = csv.writer(stream)
    writer.writerow([cell_safe(column.name) for column in columns])
    count = 0
    for row in _rows(queryset, columns, progress):
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
            [cell_safe(column.name) for column in columns],
            _rows(queryset, columns, progress),
        )
        workbook.write_sheet(
            "Data dictionary", DICTIONARY_HEADERS, dictionary_rows(columns)
        )
    finally:
        workbook.close()
    return count


def _rows(
    queryset: QuerySet, columns: list[Column], progress: Callable[[int], None] | None
) -> Iterator[list]:
    build = row_builder(columns)
    count = 0
    for values in export_queryset(queryset).iterator(chunk_size=CHUNK_SIZE):
        yield build(values)
        count += 1
        if progress is not None and count % CHUNK_SIZE == 0:
            progress(count)
    if progress is not None:
        progress(count)


def response_count(queryset: QuerySet) -> int:
    """How many submitted responses an export of ``queryset`` would hold."""
    return queryset.submitted().count()
