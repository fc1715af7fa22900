"""Editors manage sources in the admin."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from sources.models import Source
from sources.tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def _post(**overrides):
    data = {
        "title": "A briefing",
        "code": "a-briefing",
        "author": "",
        "published": "2025-12",
        "kind": "briefing",
        "url": "",
        "description": "",
        "good_for": "",
        "resource_order": "0",
    }
    return data | overrides


def test_editor_adds_a_source_with_a_partial_date(admin_client):
    response = admin_client.post(reverse("admin:sources_source_add"), _post())
    assert response.status_code == HTTPStatus.FOUND
    source = Source.objects.get(code="a-briefing")
    assert source.published_display() == "December 2025"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"published": "Dec 2025"}, "published", "Enter a year, a year and month"),
        ({"is_resource": "on"}, None, "Say what the resource is good for"),
    ],
)
def test_bad_source_is_refused_with_a_message(admin_client, overrides, field, message):
    response = admin_client.post(
        reverse("admin:sources_source_add"), _post(**overrides)
    )
    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()
    assert not Source.objects.exists()


def test_source_list_and_search(admin_client):
    SourceFactory(title="Learning from experience")
    SourceFactory(title="Something else")
    response = admin_client.get(
        reverse("admin:sources_source_changelist"), {"q": "learning"}
    )
    assert response.status_code == HTTPStatus.OK
    assert response.context["cl"].result_count == 1
