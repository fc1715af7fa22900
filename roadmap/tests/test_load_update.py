"""load_roadmap --update on a database seeded with the released content file."""

from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from roadmap.demo import seed_demo
from roadmap.models import (
    DomainDescription,
    Milestone,
    MilestoneStatus,
    Phase,
    PhaseLink,
    ReportedStatus,
    RoadmapText,
    StageDescription,
)
from roadmap.services import roadmap_content_load

pytestmark = pytest.mark.django_db

RELEASED = Path(__file__).parent / "fixtures" / "roadmap_released.yaml"


def _seed_released():
    """Page texts and phases as the released loader created them."""
    content = yaml.safe_load(RELEASED.read_text(encoding="utf-8"))
    texts = dict(content["meta"])
    texts["scoring_rule"] = content["self_assessment"]["scoring"]["scoring_rule"]
    for key, text in texts.items():
        RoadmapText.objects.create(key=key, text=text)
    for item in content["phases"]:
        phase = Phase.objects.create(
            code=item["code"],
            number=item["number"],
            title=item["title"],
            aim=item["aim"],
            outputs=item["outputs"],
            starts_on=item["starts_on"],
            ends_on=item["ends_on"],
        )
        for order, m in enumerate(item.get("milestones", [])):
            Milestone.objects.create(
                phase=phase, when=m["when"], text=m["text"], order=order
            )
        for order, link in enumerate(item.get("links", [])):
            PhaseLink.objects.create(
                phase=phase,
                label=link["label"],
                target=link.get("url_name", ""),
                external_url=link.get("url", ""),
                order=order,
            )


def test_update_removes_invented_dates_and_keeps_staff_edits():
    _seed_released()
    assert Phase.objects.get(code="definition").starts_on is not None
    Phase.objects.filter(code="promising_practice").update(aim="Staff's aim.")

    out = StringIO()
    call_command("load_roadmap", "--update", stdout=out)
    report = out.getvalue()

    definition = Phase.objects.get(code="definition")
    assert definition.starts_on is None
    assert definition.ends_on is None
    assert [s.code for s in definition.sources.all()]
    assert "updated: definition" in report
    assert "left alone (edited by staff): promising_practice" in report
    kept = Phase.objects.get(code="promising_practice")
    assert kept.aim == "Staff's aim."
    assert kept.starts_on is not None
    reported = Milestone.objects.filter(status=MilestoneStatus.REPORTED)
    assert {m.source.code for m in reported} == {"dartington-blog-2025-12-02"}
    assert definition.reported_status == ReportedStatus.REPORTED_DONE
    intro = RoadmapText.objects.get(key="roadmap_intro").text
    assert "Trauma Informed Research Partner" in intro


def test_update_twice_changes_nothing_more():
    _seed_released()
    roadmap_content_load(update=True)
    lines = "\n".join(roadmap_content_load(update=True))
    assert "Phases: 0 created, 0 updated" in lines
    assert "Page texts: 0 created, 0 updated" in lines


def test_a_second_load_finds_every_phase_unchanged_not_edited_by_staff(db):
    roadmap_content_load()
    lines = "\n".join(roadmap_content_load(update=True))
    assert "Phases: 0 created, 0 updated, 4 unchanged, 0 left as staff edited" in lines
    assert "Page texts: 0 created, 0 updated, 7 unchanged, 0 left" in lines


def test_seed_demo_corrects_deployed_content_as_update_does():
    _seed_released()
    seed_demo()
    definition = Phase.objects.get(code="definition")
    assert definition.starts_on is None
    assert definition.sources.exists()


BEFORE_STATUS = RELEASED.with_name("roadmap_before_status.yaml")


def test_update_rewrites_rows_whose_digest_predates_the_status_fields():
    # As the release before phase statuses left a deployment: digests computed
    # over fewer fields, and stages and areas with no digest at all.
    roadmap_content_load(path=BEFORE_STATUS)
    Phase.objects.update(loaded_hash="0" * 64)
    StageDescription.objects.update(loaded_hash="")
    DomainDescription.objects.update(loaded_hash="")
    DomainDescription.objects.filter(domain="policy_procedure").update(
        why="Staff's own words."
    )

    lines = "\n".join(roadmap_content_load(update=True))

    assert "Phases: 0 created, 4 updated" in lines
    assert Phase.objects.get(code="definition").reported_status == (
        ReportedStatus.REPORTED_DONE
    )
    aware = StageDescription.objects.get(stage="aware")
    assert "National Trauma Training Framework" in aware.practice_levels
    assert "Wales" not in aware.practice_levels
    lived = DomainDescription.objects.get(domain="lived_experience")
    assert "co-designed" not in lived.merged_from
    assert "left alone (edited by staff): policy_procedure" in lines
    kept = DomainDescription.objects.get(domain="policy_procedure")
    assert kept.why == "Staff's own words."
