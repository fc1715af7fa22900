"""Columns that apps above the survey add to the response export.

The survey may not import those apps (pyproject's layers), so each registers
an ``ExportExtension`` from its AppConfig.ready; the export adds its columns
after the questions' and asks it for each response's cells.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class ExportExtension:
    """Extra columns: their (name, description) per set of waves, and the cells.

    ``cells(queryset, names)`` answers {response pk: [cell per name]}; a
    response it leaves out gets blanks.
    """

    columns: Callable[[list[int]], list[tuple[str, str]]]
    cells: Callable[[QuerySet, list[str]], dict[int, list]]


_extensions: list[ExportExtension] = []


def export_extension_register(extension: ExportExtension) -> None:
    """Add columns to the response export (once; repeated calls are ignored)."""
    if extension not in _extensions:
        _extensions.append(extension)


def extension_columns(wave_ids: list[int]) -> list[tuple[ExportExtension, str, str]]:
    """Each registered extension's columns for these waves, in order."""
    return [
        (extension, name, description)
        for extension in _extensions
        for name, description in extension.columns(wave_ids)
    ]


def extension_cells(queryset: QuerySet, columns) -> Callable[[int], list]:
    """A function giving the extension cells of one response pk, loaded once."""
    wanted: dict[ExportExtension, list[str]] = {}
    for column in columns:
        if column.kind == "extension":
            wanted.setdefault(column.extension, []).append(column.name)
    if not wanted:
        return lambda pk: []
    loaded = [
        (extension.cells(queryset, names), [None] * len(names))
        for extension, names in wanted.items()
    ]

    def cells(pk: int) -> list:
        row: list = []
        for values, blank in loaded:
            row.extend(values.get(pk, blank))
        return row

    return cells
