"""The audit trail: VRU admins read it; nobody adds, changes or deletes it."""

from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from audit.services import audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(analyst):
    return audit_record(
        user=analyst,
        action=AuditEvent.Action.EXPORT,
        filters={"sector": "nhs"},
        row_count=12,
        file_format="csv",
    )


def test_vru_admins_can_read_the_log(vru_admin_client, event):
    html = vru_admin_client.get(
        reverse("admin:audit_auditevent_changelist")
    ).content.decode()
    assert "Exported responses" in html and "analyst" in html
    detail = vru_admin_client.get(
        reverse("admin:audit_auditevent_change", args=[event.pk])
    )
    assert detail.status_code == HTTPStatus.OK
    assert 'name="_save"' not in detail.content.decode()


@pytest.fixture
def superuser_client(staff_login):
    user = get_user_model().objects.create_superuser("root", "r@example.org", "x")
    return staff_login(Client(), user)


@pytest.mark.parametrize("who", ["vru_admin_client", "superuser_client"])
def test_nobody_can_add_change_or_delete_audit_events(request, who, event):
    client = request.getfixturevalue(who)
    assert (
        client.get(reverse("admin:audit_auditevent_add")).status_code
        == HTTPStatus.FORBIDDEN
    )
    change = reverse("admin:audit_auditevent_change", args=[event.pk])
    client.post(change, {"username": "someone-else", "row_count": 0})
    delete = reverse("admin:audit_auditevent_delete", args=[event.pk])
    assert client.post(delete, {"post": "yes"}).status_code == HTTPStatus.FORBIDDEN
    event.refresh_from_db()
    assert event.username == "analyst" and event.row_count == 12
    changelist = client.get(reverse("admin:audit_auditevent_changelist"))
    assert 'name="action"' not in changelist.content.decode()


def test_analysts_and_editors_cannot_read_the_log(analyst_client, editor_client):
    url = reverse("admin:audit_auditevent_changelist")
    assert analyst_client.get(url).status_code == HTTPStatus.FORBIDDEN
    assert editor_client.get(url).status_code == HTTPStatus.FORBIDDEN


def test_an_event_survives_its_user(analyst, event):
    analyst.delete()
    event.refresh_from_db()
    assert event.user is None and event.username == "analyst"
