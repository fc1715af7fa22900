"""load_case_studies --update on a database seeded with the released content.

The database is taken back to the schema before shared sources, seeded the way
the released loader did it from the released file, migrated forward, and then
updated from today's files.
"""

import datetime
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from casestudies.demo import case_studies_load, seed_demo
from casestudies.models import CaseStudy
from sources.models import Source

RELEASED = Path(__file__).parent / "fixtures" / "case_studies_released.yaml"
BEFORE = [("casestudies", "0004_search_vector_storage_main")]
FIELDS = (
    "title summary body organisations sectors places rs principles domains "
    "components practice_level evidence evidence_note outcomes"
).split()


def _seed_released(apps):
    """What the released seed_demo did, with the released models."""
    OldCaseStudy = apps.get_model("casestudies", "CaseStudy")
    OldSource = apps.get_model("casestudies", "Source")
    for entry in yaml.safe_load(RELEASED.read_text(encoding="utf-8")):
        case_study = OldCaseStudy.objects.create(
            slug=entry["slug"],
            place_detail=entry.get("place_detail") or "",
            started=entry.get("started") or "",
            ended=entry.get("ended") or "",
            is_illustrative=bool(entry.get("illustrative")),
            status="published",
            published_at=timezone.now(),
            **{
                f: entry.get(f) or ([] if isinstance(entry.get(f), list) else "")
                for f in FIELDS
            },
        )
        for order, source in enumerate(entry.get("sources") or []):
            OldSource.objects.create(
                case_study=case_study,
                title=source["title"],
                publisher=source.get("publisher") or "",
                url=source.get("url") or "",
                published_on=datetime.date.fromisoformat(source["date"])
                if source.get("date")
                else None,
                note=source.get("note") or "",
                order=order,
            )


@pytest.fixture
def released_database(transactional_db):
    """A database seeded with the released content, then migrated to today's schema."""
    executor = MigrationExecutor(connection)
    # Every app's newest migration: going back to BEFORE unapplies the survey
    # migrations that depend on case studies, and all must come back.
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    executor.loader.build_graph()
    _seed_released(executor.loader.project_state(BEFORE).apps)
    executor = MigrationExecutor(connection)
    executor.migrate(latest)
    yield
    CaseStudy.objects.all().delete()


@pytest.mark.usefixtures("released_database")
def test_update_corrects_unedited_case_studies_and_keeps_staff_edits():
    # Released content is still there, misstating its sources.
    street = CaseStudy.objects.get(slug="scottish-vru-street-and-arrow")
    assert street.sectors == ["policing"]
    edited = CaseStudy.objects.get(slug="psni-public-protection-branch-staff-wellbeing")
    CaseStudy.objects.filter(pk=edited.pk).update(summary="Edited by staff.")

    out = StringIO()
    call_command("load_case_studies", "--update", stdout=out)
    report = out.getvalue()

    street.refresh_from_db()
    assert street.sectors == ["vcs"]
    assert "social enterprise" in street.summary
    assert "updated: scottish-vru-street-and-arrow" in report
    assert "left alone (edited by staff): psni-public-protection-branch" in report
    edited.refresh_from_db()
    assert edited.summary == "Edited by staff."
    wales = CaseStudy.objects.get(slug="south-wales-police-early-action-together")
    assert wales.untraced_numbers() == set()
    met = CaseStudy.objects.get(slug="met-police-making-the-case-for-funding")
    assert [s.code for _, s in met.numbered_sources()] == [
        "dartington-blog-2025-12-02",
        "vru-trauma-informed-research",
    ]
    # Sources migrated from the released file are corrected too, from their texts.
    briefing = Source.objects.get(code="uk-policing-briefing")
    assert "gives no title, author, date or web address" in briefing.description
    blog = Source.objects.get(code="dartington-blog-2025-12-02")
    assert blog.title == (
        "Trauma-Informed Practice: Strengthening Collaboration for Collective Change"
    )
    assert blog.author.startswith("Katie Upsdale")


@pytest.mark.usefixtures("released_database")
def test_update_twice_changes_nothing_more():
    case_studies_load(update=True)
    lines = "\n".join(case_studies_load(update=True))
    assert "0 created, 0 updated" in lines


def test_without_update_nothing_is_rewritten(db):
    case_studies_load()
    CaseStudy.objects.update(title="Changed")
    case_studies_load()
    assert set(CaseStudy.objects.values_list("title", flat=True)) == {"Changed"}


def test_a_row_staff_edited_after_loading_is_left_alone(db):
    case_studies_load()
    street = CaseStudy.objects.get(slug="scottish-vru-street-and-arrow")
    street.evidence_note = "Staff's own words."
    street.save()
    lines = "\n".join(case_studies_load(update=True))
    street.refresh_from_db()
    assert street.evidence_note == "Staff's own words."
    assert "left alone (edited by staff): scottish-vru-street-and-arrow" in lines


@pytest.mark.usefixtures("released_database")
def test_seed_demo_corrects_deployed_case_studies_as_update_does():
    seed_demo()
    street = CaseStudy.objects.get(slug="scottish-vru-street-and-arrow")
    assert street.sectors == ["vcs"]
