"""Editing a codebook in the admin: one level deep, and every change audited."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from coding.models import Code

pytestmark = pytest.mark.django_db


def _form(codebook, extra_code: dict | None = None) -> dict:
    codes = list(codebook.codes.order_by("order", "id"))
    data = {
        "is_demo": "",
        "codes-TOTAL_FORMS": str(len(codes) + (1 if extra_code else 0)),
        "codes-INITIAL_FORMS": str(len(codes)),
        "codes-MIN_NUM_FORMS": "0",
        "codes-MAX_NUM_FORMS": "1000",
    }
    for i, code in enumerate(codes):
        data |= {
            f"codes-{i}-id": str(code.pk),
            f"codes-{i}-codebook": str(codebook.pk),
            f"codes-{i}-name": code.name,
            f"codes-{i}-definition": code.definition,
            f"codes-{i}-use_when": code.use_when,
            f"codes-{i}-dont_use_when": code.dont_use_when,
            f"codes-{i}-parent": str(code.parent_id or ""),
            f"codes-{i}-colour": code.colour,
            f"codes-{i}-order": str(code.order),
        }
    if extra_code:
        i = len(codes)
        data |= {f"codes-{i}-{key}": value for key, value in extra_code.items()}
        data[f"codes-{i}-codebook"] = str(codebook.pk)
    return data


def test_adding_a_code_is_recorded_in_the_audit_trail(analyst_client, codebook):
    url = reverse("admin:coding_codebook_change", args=[codebook.pk])
    helps = codebook.codes.get(name="What helps")
    response = analyst_client.post(
        url,
        _form(
            codebook,
            {
                "name": "Peer support",
                "definition": "Colleagues help.",
                "parent": str(helps.pk),
                "colour": "pink",
                "order": "5",
            },
        ),
    )
    assert response.status_code == HTTPStatus.FOUND
    assert Code.objects.get(name="Peer support").parent == helps
    event = AuditEvent.objects.get(action=AuditEvent.Action.CODEBOOK_CHANGE)
    assert event.detail == {"change": "code added"}
    assert event.username == "analyst"


def test_a_code_under_a_child_is_refused_with_a_message(analyst_client, codebook):
    url = reverse("admin:coding_codebook_change", args=[codebook.pk])
    child = codebook.codes.get(name="Leadership")
    data = _form(codebook)
    data["codes-TOTAL_FORMS"] = str(int(data["codes-TOTAL_FORMS"]) + 1)
    i = int(data["codes-INITIAL_FORMS"])
    data |= {
        f"codes-{i}-codebook": str(codebook.pk),
        f"codes-{i}-name": "Too deep",
        f"codes-{i}-definition": "x",
        f"codes-{i}-parent": str(child.pk),
        f"codes-{i}-colour": "blue",
        f"codes-{i}-order": "9",
    }
    response = analyst_client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    # Only top-level codes are offered as parents, so a child is not a choice.
    assert "Select a valid choice" in response.content.decode()
    assert not Code.objects.filter(name="Too deep").exists()
    assert not AuditEvent.objects.exists()
