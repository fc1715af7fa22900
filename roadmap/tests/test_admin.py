"""The admin: content is editable by staff; results are read-only."""

from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.html import escape

from roadmap.models import Action, DomainStage, Phase, Statement
from roadmap.tests.factories import SelfAssessmentFactory

pytestmark = pytest.mark.django_db

MODELS = [
    "roadmaptext",
    "phase",
    "stagedescription",
    "domaindescription",
    "domainstage",
    "statement",
    "selfassessment",
]


@pytest.mark.parametrize("model", MODELS)
def test_changelist_lists_every_row_of_the_loaded_content(admin_client, content, model):
    SelfAssessmentFactory()
    response = admin_client.get(reverse(f"admin:roadmap_{model}_changelist"))
    assert response.status_code == HTTPStatus.OK
    changelist = response.context["cl"]
    rows = changelist.model.objects.all()
    assert changelist.result_count == rows.count() > 0
    assert escape(str(rows.first())) in response.content.decode()


def test_phase_page_edits_milestones_and_links_inline(admin_client, content):
    phase = Phase.objects.get(code="landscape")
    html = admin_client.get(
        reverse("admin:roadmap_phase_change", args=[phase.pk])
    ).content.decode()
    assert "milestones-TOTAL_FORMS" in html
    assert "links-TOTAL_FORMS" in html
    assert "The survey to be open until this day" in html


def test_cell_page_edits_actions_inline_with_sector_checkboxes(admin_client, content):
    cell = DomainStage.objects.get(domain="governance_leadership", stage="informed")
    html = admin_client.get(
        reverse("admin:roadmap_domainstage_change", args=[cell.pk])
    ).content.decode()
    assert "actions-TOTAL_FORMS" in html
    assert 'type="checkbox" name="actions-0-sectors" value="met_police"' in html
    assert 'type="checkbox" name="rs" value="realise"' in html


def test_editor_can_change_an_action_through_the_cell(admin_client, content):
    cell = DomainStage.objects.get(domain="physical_environment", stage="aware")
    actions = list(cell.actions.all())
    data = {
        "domain": cell.domain,
        "stage": cell.stage,
        "looks_like": "Edited description.",
        "rs": ["realise"],
        "actions-TOTAL_FORMS": str(len(actions)),
        "actions-INITIAL_FORMS": str(len(actions)),
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "1000",
    }
    for n, action in enumerate(actions):
        data |= {
            f"actions-{n}-id": str(action.pk),
            f"actions-{n}-domain_stage": str(cell.pk),
            f"actions-{n}-text": action.text,
            f"actions-{n}-order": str(action.order),
        }
    data["actions-0-sectors"] = ["nhs", "vcs"]
    response = admin_client.post(
        reverse("admin:roadmap_domainstage_change", args=[cell.pk]), data
    )
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]
    cell.refresh_from_db()
    assert cell.looks_like == "Edited description."
    assert Action.objects.get(pk=actions[0].pk).sectors == ["nhs", "vcs"]


def test_phase_outputs_are_edited_one_per_line(admin_client, content):
    phase = Phase.objects.get(code="definition")
    html = admin_client.get(
        reverse("admin:roadmap_phase_change", args=[phase.pk])
    ).content.decode()
    assert "An evidence review\nScoping interviews\n" in html


def test_statement_code_cannot_change_once_saved(admin_client, content):
    statement = Statement.objects.get(code="gov_1")
    html = admin_client.get(
        reverse("admin:roadmap_statement_change", args=[statement.pk])
    ).content.decode()
    assert 'name="code"' not in html
    assert 'name="text"' in html


def test_results_cannot_be_added_or_edited(admin_client):
    assessment = SelfAssessmentFactory(sector="nhs", answers={"gov_1": "fully"})
    add = admin_client.get(reverse("admin:roadmap_selfassessment_add"))
    assert add.status_code == HTTPStatus.FORBIDDEN
    url = reverse("admin:roadmap_selfassessment_change", args=[assessment.pk])
    html = admin_client.get(url).content.decode()
    assert 'name="sector"' not in html
    assert "gov_1" in html
    admin_client.post(url, {"sector": "vcs"})
    assessment.refresh_from_db()
    assert assessment.sector == "nhs"
    # Neither the token nor its digest is shown to staff.
    assert assessment.token_digest not in html


def test_staff_editor_with_content_permissions_can_edit_statements(
    client, content, staff_login
):
    editor = get_user_model().objects.create_user(
        "editor", password="x-long-password-1", is_staff=True
    )
    editor.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="roadmap",
            codename__in=["change_statement", "view_statement"],
        )
    )
    staff_login(client, editor)
    statement = Statement.objects.get(code="gov_2")
    url = reverse("admin:roadmap_statement_change", args=[statement.pk])
    response = client.post(
        url,
        {
            "domain": statement.domain,
            "stage": statement.stage,
            "text": "New words",
            "order": 1,
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    statement.refresh_from_db()
    assert statement.text == "New words"
