"""Loading the roadmap content and saving self-assessment results."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from roadmap.models import (
    Action,
    DomainDescription,
    DomainStage,
    Milestone,
    Phase,
    PhaseLink,
    RoadmapText,
    SelfAssessment,
    StageDescription,
    Statement,
    TextKey,
)
from roadmap.services import (
    roadmap_content_load,
    roadmap_content_read,
    self_assessment_create,
)
from roadmap.tests.factories import StatementFactory
from throttling.tokens import token_hash
from vocabulary.choices import Domain, Sector, Stage

pytestmark = pytest.mark.django_db

MODELS = [
    RoadmapText,
    Phase,
    Milestone,
    PhaseLink,
    StageDescription,
    DomainDescription,
    DomainStage,
    Action,
    Statement,
]


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_content_file_covers_every_domain_and_stage():
    content = roadmap_content_read()
    cells = {(c["domain"], c["stage"]) for c in content["framework"]}
    assert cells == {(d, s) for d in Domain.values for s in Stage.values}
    statements = {
        (s["domain"], s["stage"]) for s in content["self_assessment"]["statements"]
    }
    assert statements == cells
    assert any(cell["actions"] for cell in content["framework"])
    for cell in content["framework"]:
        for action in cell["actions"]:
            assert set(action.get("sectors", [])) <= set(Sector.values)


def test_loading_creates_all_the_content():
    roadmap_content_load()
    assert _counts() == {
        "RoadmapText": len(TextKey),
        "Phase": 4,
        "Milestone": 9,
        "PhaseLink": 6,
        "StageDescription": 3,
        "DomainDescription": 7,
        "DomainStage": 21,
        "Action": 64,
        "Statement": 28,
    }
    assert Action.objects.filter(sectors=[]).exists()
    assert Action.objects.filter(sectors__contains=[Sector.MET_POLICE]).exists()
    assert "\n\n" in RoadmapText.objects.get(key=TextKey.SCORING_RULE).text


def test_phases_link_to_the_survey_the_case_studies_and_the_vru_page():
    roadmap_content_load()
    urls = {link.url for link in PhaseLink.objects.all()}
    assert reverse("survey:start") in urls
    assert reverse("casestudies:list") in urls
    vru_page = PhaseLink.objects.get(label__contains="VRU's page")
    assert vru_page.external_url.startswith("https://www.london.gov.uk/")
    vru_page.full_clean()


def test_loading_twice_changes_nothing_and_keeps_staff_edits():
    roadmap_content_load()
    phase = Phase.objects.get(code="roadmap")
    phase.title = "Edited by a VRU editor"
    phase.save()
    first = _counts()
    roadmap_content_load()
    assert _counts() == first
    assert Phase.objects.get(code="roadmap").title == "Edited by a VRU editor"


def test_load_roadmap_command_reports_success():
    out = StringIO()
    call_command("load_roadmap", stdout=out)
    assert "4 phases created" in out.getvalue()
    assert "Roadmap content is loaded." in out.getvalue()


def test_self_assessment_create_scores_and_stores_only_a_digest():
    statements = [
        StatementFactory(code="a1", stage=Stage.AWARE),
        StatementFactory(code="i1", stage=Stage.INFORMED),
    ]
    assessment, token = self_assessment_create(
        sector=Sector.NHS,
        answers={"a1": "fully", "i1": "starting", "unknown": "fully"},
        statements=statements,
    )
    assessment.refresh_from_db()
    assert assessment.answers == {"a1": "fully", "i1": "starting"}
    assert assessment.profile[Domain.GOVERNANCE_LEADERSHIP] == "aware"
    assert assessment.profile[Domain.WORKFORCE] == "starting_out"
    assert assessment.token_digest == token_hash(token)
    assert token not in str(SelfAssessment.objects.values().get())
