"""Load the sources file (sources/seed/sources.yaml) into the Source table."""

from pathlib import Path

import yaml
from django.db import transaction

from sources.loading import LoadReport, load_row
from sources.models import Source

SOURCES_FILE = Path(__file__).resolve().parent / "seed" / "sources.yaml"


def sources_read(*, path: Path = SOURCES_FILE) -> list[dict]:
    """The sources as written in the file."""
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def source_content(entry: dict) -> dict:
    """One file entry as the fields it loads into."""
    resource = entry.get("resource") or {}
    return {
        "title": entry["title"],
        "author": entry.get("author") or "",
        "published": str(entry.get("published") or ""),
        "kind": entry["kind"],
        "url": entry.get("url") or "",
        "description": " ".join((entry.get("description") or "").split()),
        "is_resource": bool(resource),
        "good_for": " ".join((resource.get("good_for") or "").split()),
        "uses": list(resource.get("uses") or []),
        "resource_order": entry.get("_order", 0) if resource else 0,
    }


@transaction.atomic
def sources_load(*, path: Path = SOURCES_FILE, update: bool = False) -> LoadReport:
    """Create missing sources; with ``update``, rewrite those staff left alone."""
    report = LoadReport("Sources")
    existing = {source.code: source for source in Source.objects.all()}
    for order, entry in enumerate(sources_read(path=path)):
        entry = {**entry, "_order": order}
        wanted = source_content(entry)

        def write(instance, digest, code=entry["code"], wanted=wanted):
            source = instance or Source(code=code)
            for name, value in wanted.items():
                setattr(source, name, value)
            source.loaded_hash = digest
            source.full_clean()
            source.save()

        load_row(
            report=report,
            label=entry["code"],
            instance=existing.get(entry["code"]),
            wanted=wanted,
            current=Source.content,
            write=write,
            update=update,
        )
    return report


def seed_demo() -> list[str]:
    """Load the sources, updating those staff have not edited."""
    return sources_load(update=True).lines()
