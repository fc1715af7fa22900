"""Loading content files into the database without overwriting staff edits.

Every loaded row keeps a digest of the content it was given (``loaded_hash``).
In update mode a row is rewritten from the file only while its content still
matches that digest, or a digest of a released version of the file (for rows
loaded before digests were kept, or before a release added a loaded field, so
that the digest kept no longer covers every field): any other difference is a
staff edit, and the row is left alone and reported.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sources.models import content_hash


@dataclass
class LoadReport:
    """What a load created, rewrote, left alone because staff edited it."""

    name: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report, a line per outcome that happened."""
        lines = [
            f"{self.name}: {len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.edited)} left as staff "
            "edited them."
        ]
        lines += [f"  updated: {label}" for label in self.updated]
        lines += [f"  left alone (edited by staff): {label}" for label in self.edited]
        return lines


def released_hashes(path: Path) -> dict[str, set[str]]:
    """Digests of released versions of a content file, by row key."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        return {key: set(values) for key, values in json.load(handle).items()}


def load_row(
    *,
    report: LoadReport,
    label: str,
    instance,
    wanted: dict,
    current: Callable[[object], dict],
    write: Callable[[object | None, str], None],
    update: bool,
    released: set[str] = frozenset(),
) -> None:
    """Create, rewrite or keep one row, and say which in the report.

    ``wanted`` is the row's content from the file; ``current(instance)`` is the
    same content read from the row; ``write(instance or None, digest)`` saves
    ``wanted`` with its digest.
    """
    digest = content_hash(wanted)
    if instance is None:
        write(None, digest)
        report.created.append(label)
        return
    if not update:
        report.unchanged.append(label)
        return
    present = content_hash(current(instance))
    if present == digest:
        if instance.loaded_hash != digest:
            type(instance).objects.filter(pk=instance.pk).update(loaded_hash=digest)
        report.unchanged.append(label)
    elif present == instance.loaded_hash or present in released:
        write(instance, digest)
        report.updated.append(label)
    else:
        report.edited.append(label)
