"""Load the case studies in casestudies/seed/ for demos and deployments."""

from pathlib import Path

import yaml
from django.db import transaction
from django.utils import timezone

from casestudies.models import TAG_FIELDS, CaseStudy, CaseStudySource, Figure
from sources.demo import sources_load
from sources.loading import LoadReport, load_row, released_hashes
from sources.models import Source

SEED_DIR = Path(__file__).resolve().parent / "seed"
SEED_FILE = SEED_DIR / "case_studies.yaml"
# Digests of the case studies as earlier releases of the file loaded them,
# for rows loaded before digests were kept (see docs/casestudies.md).
RELEASED_FILE = SEED_DIR / "released_hashes.json"

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


def load_seed(path: Path = SEED_FILE) -> list[dict]:
    """The seed case studies as written in the YAML file."""
    with path.open(encoding="utf-8") as seed:
        return yaml.safe_load(seed)


def entry_content(entry: dict) -> dict:
    """One file entry as the content it loads: fields, source codes, figures."""
    content = {
        field: entry.get(field) or ([] if field in LIST_FIELDS else "")
        for field in CASE_STUDY_FIELDS
    }
    content |= {
        "place_detail": entry.get("place_detail") or "",
        "started": entry.get("started") or "",
        "ended": entry.get("ended") or "",
        "is_illustrative": bool(entry.get("illustrative")),
        "sources": list(entry.get("sources") or []),
        "figures": [
            [figure["text"], figure["source"], figure["location"]]
            for figure in entry.get("figures") or []
        ],
    }
    return content


def row_content(case_study: CaseStudy) -> dict:
    """The same content read from a case study in the database."""
    content = {
        field: getattr(case_study, field)
        for field in (*CASE_STUDY_FIELDS, "place_detail", "started", "ended")
    }
    content["is_illustrative"] = case_study.is_illustrative
    content["sources"] = [
        c.source.code for c in case_study.citations.select_related("source")
    ]
    content["figures"] = [
        [f.text, f.source.code, f.location]
        for f in case_study.figures.select_related("source")
    ]
    return content


def _write(case_study: CaseStudy | None, digest: str, *, slug: str, content: dict):
    if case_study is None:
        case_study = CaseStudy(
            slug=slug,
            status=CaseStudy.Status.PUBLISHED,
            published_at=timezone.now(),
        )
    for field, value in content.items():
        if field not in ("sources", "figures"):
            setattr(case_study, field, value)
    case_study.loaded_hash = digest
    case_study.full_clean(exclude=["loaded_hash"])
    case_study.save()
    codes = set(content["sources"]) | {f[1] for f in content["figures"]}
    by_code = {s.code: s for s in Source.objects.filter(code__in=codes)}
    missing = codes - set(by_code)
    if missing:
        raise ValueError(f"{slug}: unknown source {', '.join(sorted(missing))}")
    case_study.citations.all().delete()
    CaseStudySource.objects.bulk_create(
        CaseStudySource(case_study=case_study, source=by_code[code], order=order)
        for order, code in enumerate(content["sources"])
    )
    case_study.figures.all().delete()
    Figure.objects.bulk_create(
        Figure(
            case_study=case_study,
            text=text,
            source=by_code[code],
            location=location,
            order=order,
        )
        for order, (text, code, location) in enumerate(content["figures"])
    )


@transaction.atomic
def case_studies_load(*, path: Path = SEED_FILE, update: bool = False) -> list[str]:
    """Create missing case studies; with ``update``, rewrite those staff left alone.

    Sources are loaded first, since case studies cite them by code.
    """
    lines = sources_load(update=update).lines()
    report = LoadReport("Case studies")
    released = released_hashes(RELEASED_FILE)
    entries = load_seed(path)
    existing = {
        c.slug: c
        for c in CaseStudy.objects.filter(slug__in=[e["slug"] for e in entries])
    }
    for entry in entries:
        content = entry_content(entry)
        load_row(
            report=report,
            label=entry["slug"],
            instance=existing.get(entry["slug"]),
            wanted=content,
            current=row_content,
            write=lambda instance, digest, e=entry, c=content: _write(
                instance, digest, slug=e["slug"], content=c
            ),
            update=update,
            released=released.get(entry["slug"], set()),
        )
    illustrative = sum(1 for e in entries if e.get("illustrative"))
    lines += report.lines()
    lines.append(f"  ({illustrative} of the {len(entries)} are illustrative.)")
    return lines


def seed_demo() -> list[str]:
    """Load the seed case studies, updating those staff have not edited."""
    return case_studies_load(update=True)
