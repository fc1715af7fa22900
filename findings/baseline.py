"""The baseline beside the self-assessment: roadmap areas mapped to survey answers.

The map is data (findings/content/baseline-map.yaml). The roadmap reads the
newest published figures with its result (``newest_release``) and turns them
into a sector's sentences (``baseline_from``); findings never imports the
roadmap, so the dependency runs one way (docs/findings.md).
"""

import datetime as dt
from functools import cache
from pathlib import Path

import yaml
from django.db.models import JSONField, Subquery
from django.db.models.functions import JSONObject
from django.urls import reverse

from findings.models import FindingsRelease
from findings.release import SECTOR_LABELS, Measure
from vocabulary.choices import Domain

MAP_FILE = Path(__file__).parent / "content" / "baseline-map.yaml"
# How each sector reads inside a sentence ("42% of NHS respondents").
SECTOR_NOUNS = {
    "local_authority": "local authority",
    "met_police": "Metropolitan Police",
    "nhs": "NHS",
    "vcs": "voluntary and community sector",
    "education": "education",
    "cross_sector": "cross-sector partnership",
}


@cache
def measures() -> list[Measure]:
    """The mapped measures, checked against the vocabulary."""
    entries = yaml.safe_load(MAP_FILE.read_text(encoding="utf-8"))
    found = []
    for entry in entries:
        if entry["domain"] not in Domain.values:
            raise ValueError(f"Unknown roadmap area in {MAP_FILE}: {entry['domain']}")
        answers = tuple(str(a) for a in entry["answers"])
        if not answers:
            raise ValueError(f"No answers for {entry['domain']} in {MAP_FILE}")
        found.append(
            Measure(
                domain=entry["domain"],
                question=entry["question"],
                answers=answers,
                said=entry["said"].strip(),
            )
        )
    return found


def baseline_lines(snapshot: dict, sector: str) -> dict[str, dict]:
    """For each mapped area, the published figure for ``sector`` (if any)."""
    wave_name = snapshot.get("wave", {}).get("name", "")
    noun = SECTOR_NOUNS.get(sector, SECTOR_LABELS.get(sector, sector))
    lines = {}
    for measure in snapshot.get("measures", []):
        row = next((r for r in measure["rows"] if r["sector"] == sector), None)
        if row is None:
            continue
        if row["percent"] is None:
            text = (
                f"In the {wave_name} survey, too few {noun} "
                "respondents answered for a figure to be published."
            )
        else:
            text = (
                f"In the {wave_name} survey, {row['percent']}% of "
                f"{noun} respondents {measure['said']} "
                f"(base: {row['base_count']})."
            )
        lines[measure["domain"]] = {
            "text": text,
            "percent": row["percent"],
            "base": row["base_count"],
        }
    return lines


def station_baseline(release: dict | None, domain: str, sector: str = "") -> dict:
    """What the newest release says about a roadmap area, for its station pages.

    Read from ``newest_release``'s value: the share of all respondents giving
    the mapped answers, with its base, and the sector's share when one is
    chosen; empty where the release has no figure mapped to the area.
    """
    if release is None:
        return {}
    snapshot = release["snapshot"]
    measure = next(
        (m for m in snapshot.get("measures", []) if m["domain"] == domain), None
    )
    if measure is None:
        return {}
    found = {
        "said": measure["said"],
        "percent": measure["overall"]["percent"],
        "base": snapshot["respondents"]["count"],
        "wave_name": release["wave_name"],
        "published_at": _published(snapshot),
        "is_demo": bool(snapshot.get("is_demo")),
        "release_url": reverse(
            "findings:detail", kwargs={"wave_slug": release["wave_slug"]}
        ),
        "sector": None,
    }
    row = next((r for r in measure["rows"] if r["sector"] == sector), None)
    if sector and row is not None:
        found["sector"] = {
            "noun": SECTOR_NOUNS.get(sector, SECTOR_LABELS.get(sector, sector)),
            "percent": row["percent"],
            "base": row["base_count"],
        }
    return found


def _published(snapshot: dict) -> dt.datetime | None:
    stamp = snapshot.get("published_at")
    return dt.datetime.fromisoformat(stamp) if stamp else None


def newest_release() -> Subquery:
    """The newest published release's figures, as an expression to annotate with.

    Lets a page that already reads one row (a self-assessment result) carry the
    baseline in the same query. Only published, already suppressed figures are read.
    """
    return Subquery(
        FindingsRelease.objects.published().values(figures=_figures())[:1],
        output_field=JSONField(),
    )


def _figures() -> JSONObject:
    """What the baseline needs of a release, as one JSON value."""
    return JSONObject(
        snapshot="snapshot", wave_name="wave__name", wave_slug="wave__slug"
    )


def baseline_from(release: dict | None, sector: str) -> dict | None:
    """A sector's figures by roadmap area, from ``newest_release``'s value."""
    if not sector or release is None:
        return None
    return {
        "release_url": reverse(
            "findings:detail", kwargs={"wave_slug": release["wave_slug"]}
        ),
        "wave_name": release["wave_name"],
        "published_at": _published(release["snapshot"]),
        "is_demo": bool(release["snapshot"].get("is_demo")),
        "areas": baseline_lines(release["snapshot"], sector),
    }


def baseline_for_sector(sector: str) -> dict | None:
    """The newest published release's figures for a sector, by roadmap area.

    One query (none without a sector).
    """
    if not sector:
        return None
    release = (
        FindingsRelease.objects.published().values_list(_figures(), flat=True).first()
    )
    return baseline_from(release, sector)


def area_baselines() -> dict[str, dict]:
    """``station_baseline`` for every mapped area, by area code: the route map's shade.

    One query, reading only the parts of the newest published snapshot the
    figures need (its measures, not its tables); empty before any is published.
    """
    release = (
        FindingsRelease.objects.published()
        .values_list(
            JSONObject(
                snapshot=JSONObject(
                    measures="snapshot__measures",
                    respondents="snapshot__respondents",
                    is_demo="snapshot__is_demo",
                    published_at="snapshot__published_at",
                ),
                wave_name="wave__name",
                wave_slug="wave__slug",
            ),
            flat=True,
        )
        .first()
    )
    if release is None:
        return {}
    return {
        measure["domain"]: station_baseline(release, measure["domain"])
        for measure in release["snapshot"].get("measures") or []
    }
