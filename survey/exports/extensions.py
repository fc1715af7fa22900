"""Columns that apps above the survey add to the response export.

The survey may not import those apps (pyproject's layers), so each registers
an ``ExportExtension`` from its AppConfig.ready; the export adds its columns
after the questions' and asks it for each response's cells.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ExportExtension:
    """Extra columns: their (name, description) per set of waves, and the cells.

    ``cells(response_ids, names)`` answers {response pk: [cell per name]} for
    one chunk of the export's responses; a response it leaves out gets blanks.
    """

    columns: Callable[[list[int]], list[tuple[str, str]]]
    cells: Callable[[list[int], list[str]], dict[int, list]]


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


def extension_cells(columns) -> Callable[[list[int]], Callable[[int], list]]:
    """A loader of the extension cells of one chunk of responses (their pks);
    what it loads gives the cells of one response of the chunk.

    Asked once per chunk of rows, in step with them, so memory stays that of a
    chunk however many responses the export holds.
    """
    wanted: dict[ExportExtension, list[str]] = {}
    for column in columns:
        if column.kind == "extension":
            wanted.setdefault(column.extension, []).append(column.name)

    def load(response_ids: list[int]) -> Callable[[int], list]:
        loaded = [
            (extension.cells(response_ids, names), [None] * len(names))
            for extension, names in wanted.items()
        ]

        def cells(pk: int) -> list:
            row: list = []
            for values, blank in loaded:
                row.extend(values.get(pk, blank))
            return row

        return cells

    return load
