"""Export rows: the responses as plain tuples, each turned into a row of safe cells."""

from collections.abc import Callable, Iterator
from itertools import islice

from django.db import connections
from django.db.models import Exists, OuterRef, Q, QuerySet

from survey.exports.cells import cell_from_answer, cell_from_text
from survey.exports.columns import (
    COLLECTOR_COLUMNS,
    DIRECT,
    META_COLUMNS,
    Column,
    iso_london,
)
from survey.exports.extensions import extension_cells
from survey.models import ContactDetails
from survey.redaction import answers_masked, redactions_for

CHUNK_SIZE = 2000
ROW_FIELDS = (
    "reference",
    "wave__slug",
    "submitted_at",
    "started_at",
    "contact_consented",
    "collector__name",
    "collector__code",
    "answers",
    "pk",
)


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


def row_builder(
    columns: list[Column], masks: dict | None = None
) -> Callable[[tuple], list]:
    """A function turning one ``export_queryset`` tuple into a row of safe cells,
    short of the columns other apps add (survey/exports/extensions.py).

    Work that does not depend on the row (labels, option lists) is done here
    once, so a row costs little more than reading its answers. ``masks``
    (survey/redaction.py) hide flagged passages.
    """
    masks = masks or {}
    readers: list[Callable[[dict, str], list]] = []
    index = len(META_COLUMNS) + 1 + len(COLLECTOR_COLUMNS)
    questions = [c for c in columns[index:] if c.kind != "extension"]
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
        (
            reference,
            wave,
            submitted_at,
            started_at,
            has_contact,
            collector,
            collector_code,
            answers,
            pk,
        ) = values
        answers = answers if isinstance(answers, dict) else {}
        if pk in masks:
            answers = answers_masked(answers, masks[pk])
        wave_cell = wave_cells.get(wave)
        if wave_cell is None:
            wave_cell = wave_cells.setdefault(wave, cell_from_answer(wave))
        # Every cell leaves through cell_from_answer, or is a number, a blank, an ISO
        # date or a label made safe once above: a control character anywhere
        # would make openpyxl refuse the file, and an answer of the wrong
        # shape (a list where a code was expected) is text by then.
        row = [
            cell_from_answer(reference),
            wave_cell,
            iso_london(submitted_at),
            iso_london(started_at),
            1 if has_contact else 0,
            DIRECT if collector is None else cell_from_answer(collector),
            cell_from_answer(collector_code or ""),
        ]
        for reader in readers:
            row.extend(reader(answers, wave))
        return row

    return build


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
    safe_labels = {option: cell_from_text(label) for option, label in labels.items()}

    def read(answers: dict, wave: str) -> list:
        value = answers.get(code)
        label = safe_labels.get(value) if value.__class__ is str else None
        return [cell_from_answer(value) if label is None else label]

    return read


def _text_reader(key: str):
    def read(answers: dict, wave: str) -> list:
        return [cell_from_answer(answers.get(key))]

    return read


def rows_built(
    queryset: QuerySet, columns: list[Column], progress: Callable[[int], None] | None
) -> Iterator[list]:
    """Every submitted response of ``queryset`` as a row, a chunk at a time.

    Other apps' cells (the agreed codes) are loaded for each chunk of rows once
    it is built, so memory stays that of one chunk however large the wave. The
    chunk waits as built rows: as read (answers parsed) it took about 20 MB
    more (docs/coding.md, "The response export's memory").
    """
    build = row_builder(columns, redactions_for(queryset))
    extension_load = extension_cells(columns)
    tuples = _export_values(queryset)
    count = 0
    while chunk := [
        (values[-1], build(values)) for values in islice(tuples, CHUNK_SIZE)
    ]:
        extra = extension_load([pk for pk, _ in chunk])
        for pk, row in chunk:
            row.extend(extra(pk))
            yield row
            count += 1
            if progress is not None and count % CHUNK_SIZE == 0:
                progress(count)
    if progress is not None:
        progress(count)


def _export_values(queryset: QuerySet) -> Iterator[tuple]:
    """``export_queryset``'s tuples, read a chunk at a time in constant memory.

    A server-side cursor where the connection allows one; behind PgBouncer's
    transaction pooling (``DISABLE_SERVER_SIDE_CURSORS``) a client-side cursor
    would load every row at once, so pages of ``CHUNK_SIZE`` are read by key,
    each after the last row of the one before.
    """
    rows = export_queryset(queryset)
    if not connections[rows.db].settings_dict.get("DISABLE_SERVER_SIDE_CURSORS"):
        yield from rows.iterator(chunk_size=CHUNK_SIZE)
        return
    keyed = rows.values_list(*ROW_FIELDS, "pk")
    page = list(keyed[:CHUNK_SIZE])
    while page:
        for values in page:
            yield values[:-1]
        submitted_at, pk = page[-1][2], page[-1][-1]
        # The first condition is implied by the second; it lets the index on
        # (status, submitted_at, id) start the scan where this page starts.
        page = list(
            keyed.filter(submitted_at__gte=submitted_at).filter(
                Q(submitted_at__gt=submitted_at)
                | Q(submitted_at=submitted_at, pk__gt=pk)
            )[:CHUNK_SIZE]
        )
