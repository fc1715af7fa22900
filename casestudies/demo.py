"""Seed case studies for development and demos, from casestudies/seed/."""

import datetime
from pathlib import Path

import yaml
from django.utils import timezone

from casestudies.models import TAG_FIELDS, CaseStudy, Source

SEED_FILE = Path(__file__).resolve().parent / "seed" / "case_studies.yaml"

CASE_STUDY_FIELDS = (
    "title",
    "summary",
    "body",
    "organisations",
    "sectors",
    "places",
    "rs",
    "principles",
    "domains",
    "components",
    "practice_level",
    "evidence",
    "evidence_note",
    "outcomes",
)

LIST_FIELDS = {"organisations", *TAG_FIELDS, "places"}


def load_seed() -> list[dict]:
    """The seed case studies as written in the YAML file."""
    with SEED_FILE.open(encoding="utf-8") as seed:
        return yaml.safe_load(seed)


def seed_demo() -> list[str]:
    """Create the seed case studies that are missing, published; keep the rest."""
    existing = set(CaseStudy.objects.values_list("slug", flat=True))
    created = 0
    entries = load_seed()
    for entry in entries:
        if entry["slug"] in existing:
            continue
        case_study = CaseStudy(
            slug=entry["slug"],
            place_detail=entry.get("place_detail") or "",
            started=entry.get("started") or "",
            ended=entry.get("ended") or "",
            is_illustrative=bool(entry.get("illustrative")),
            status=CaseStudy.Status.PUBLISHED,
            published_at=timezone.now(),
            **{field: entry.get(field) or _empty(field) for field in CASE_STUDY_FIELDS},
        )
        case_study.full_clean()
        case_study.save()
        Source.objects.bulk_create(
            Source(
                case_study=case_study,
                title=source["title"],
                publisher=source.get("publisher") or "",
                url=source.get("url") or "",
                published_on=_date(source.get("date")),
                note=source.get("note") or "",
                order=order,
            )
            for order, source in enumerate(entry.get("sources") or [])
        )
        created += 1
    return [
        f"Case studies: {created} created, {len(entries) - created} already there "
        f"({sum(1 for e in entries if e.get('illustrative'))} of the "
        f"{len(entries)} are illustrative)."
    ]


def _empty(field: str):
    return [] if field in LIST_FIELDS else ""


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None
