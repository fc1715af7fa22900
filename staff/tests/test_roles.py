"""The VRU roles: what analysts, editors and admins may and may not reach."""

import importlib
from http import HTTPStatus

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from casestudies.tests.factories import CaseStudyFactory
from staff.roles import ADMIN, ANALYST, EDITOR, ROLES
from staff.tests.fixtures import roles_present
from survey.tests.factories import submitted

pytestmark = pytest.mark.django_db


def _perms(role):
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in roles_present(role).permissions.select_related("content_type")
    }


def test_the_data_migration_creates_the_three_roles():
    # Run the migration's own operation on an empty table: a transactional
    # test earlier in this process may have flushed what migrate created.
    migration = importlib.import_module("staff.migrations.0002_roles").Migration
    (operation,) = migration.operations
    Group.objects.all().delete()
    operation.code(django_apps, None)
    assert set(Group.objects.values_list("name", flat=True)) == set(ROLES)
    operation.reverse_code(django_apps, None)
    assert not Group.objects.filter(name__in=list(ROLES)).exists()


def test_analyst_may_read_and_export_responses_but_not_edit_content():
    perms = _perms(ANALYST)
    assert {
        "survey.view_response",
        "survey.view_contactdetails",
        "survey.export_responses",
        "survey.view_dashboard",
    } <= perms
    assert not {p for p in perms if p.startswith(("casestudies.change", "roadmap."))}
    assert "survey.change_wave" not in perms


def test_editor_may_edit_content_but_not_see_responses():
    perms = _perms(EDITOR)
    assert {"casestudies.change_casestudy", "survey.change_wave"} <= perms
    assert any(p.startswith("roadmap.change_") for p in perms)
    assert not {p for p in perms if "response" in p or "contactdetails" in p}
    assert "survey.export_responses" not in perms


def test_admin_has_everything_but_editing_the_audit_trail():
    perms = _perms(ADMIN)
    assert {
        "auth.change_user",
        "survey.delete_response",
        "audit.view_auditevent",
    } <= perms
    assert not {p for p in perms if p.endswith("auditevent") and "view" not in p}


def test_sync_roles_is_idempotent_and_restores_a_removed_permission():
    group = roles_present(ANALYST)
    before = _perms(ANALYST)
    group.permissions.clear()
    call_command("sync_roles", stdout=None)
    call_command("sync_roles", stdout=None)
    assert _perms(ANALYST) == before


def test_editor_cannot_see_responses_or_contact_details(editor_client, open_wave):
    response = submitted(open_wave, contact=True)
    urls = [
        reverse("admin:survey_response_changelist"),
        reverse("admin:survey_response_change", args=[response.pk]),
        reverse("admin:survey_response_contact", args=[response.pk]),
        reverse("admin:survey_response_export"),
        reverse("admin:survey_response_dictionary"),
        reverse("admin:dashboard"),
    ]
    for url in urls:
        assert editor_client.get(url).status_code == HTTPStatus.FORBIDDEN, url
    index = editor_client.get(reverse("admin:index")).content.decode()
    assert "Responses" not in index


def test_editor_can_edit_case_studies_and_wave_texts(editor_client, open_wave):
    case_study = CaseStudyFactory()
    for url in [
        reverse("admin:casestudies_casestudy_change", args=[case_study.pk]),
        reverse("admin:survey_wave_change", args=[open_wave.pk]),
    ]:
        html = editor_client.get(url).content.decode()
        assert 'name="_save"' in html


def test_analyst_cannot_edit_content(analyst_client, open_wave):
    case_study = CaseStudyFactory(title="Untouched")
    change = reverse("admin:casestudies_casestudy_change", args=[case_study.pk])
    html = analyst_client.get(change).content.decode()
    assert 'name="_save"' not in html
    response = analyst_client.post(change, {"title": "Changed"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    case_study.refresh_from_db()
    assert case_study.title == "Untouched"
    assert (
        analyst_client.get(reverse("admin:casestudies_casestudy_add")).status_code
        == HTTPStatus.FORBIDDEN
    )
    assert (
        analyst_client.post(
            reverse("admin:survey_wave_change", args=[open_wave.pk]), {}
        ).status_code
        == HTTPStatus.FORBIDDEN
    )


@pytest.mark.parametrize(
    "name",
    [
        "admin:index",
        "admin:survey_response_changelist",
        "admin:dashboard",
        "admin:audit_auditevent_changelist",
        "admin:casestudies_casestudy_changelist",
        "admin:auth_user_changelist",
    ],
)
def test_anonymous_users_are_sent_to_sign_in(client: Client, name):
    response = client.get(reverse(name))
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("admin:login"))
