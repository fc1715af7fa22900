"""The admin: analysts draft, preview, publish and unpublish; editors are refused."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from findings.models import FindingsRelease
from findings.services import release_publish
from survey.tests.factories import wave_with_questionnaire

pytestmark = pytest.mark.django_db


def url(name, release):
    return reverse(f"admin:findings_findingsrelease_{name}", args=[release.pk])


def test_an_analyst_previews_exactly_what_will_be_public(analyst_client, release):
    response = analyst_client.get(url("preview", release))
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "This is exactly what the public page would show" in page
    assert "120 people submitted a response" in page
    assert not FindingsRelease.objects.get(pk=release.pk).is_published


def test_an_analyst_publishes_and_unpublishes_from_the_admin(analyst_client, release):
    response = analyst_client.post(url("publish", release), follow=True)
    assert response.status_code == HTTPStatus.OK
    assert "is published" in response.content.decode()
    assert FindingsRelease.objects.get(pk=release.pk).is_published
    response = analyst_client.post(url("unpublish", release), follow=True)
    assert "no longer published" in response.content.decode()
    assert not FindingsRelease.objects.get(pk=release.pk).is_published
    assert AuditEvent.objects.filter(action__startswith="findings_").count() == 2


def test_publishing_an_open_wave_from_the_admin_gives_a_clear_message(analyst_client):
    release = FindingsRelease.objects.create(
        wave=wave_with_questionnaire(slug="open-wave"), title="Too early"
    )
    response = analyst_client.post(url("publish", release), follow=True)
    assert response.status_code == HTTPStatus.OK
    assert "is still open, so its findings cannot be published" in (
        response.content.decode()
    )
    assert not FindingsRelease.objects.get(pk=release.pk).is_published


def test_an_edit_to_a_published_release_is_refused(analyst_client, release, analyst):
    release_publish(release=release, user=analyst)
    page = analyst_client.get(url("change", release)).content.decode()
    assert "Unpublish it first" in page
    response = analyst_client.post(
        url("change", release),
        {
            "title": "Changed",
            "themes-TOTAL_FORMS": "0",
            "themes-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert "cannot be changed. Unpublish it first" in response.content.decode()
    assert FindingsRelease.objects.get(pk=release.pk).title == "What London told us"


def test_an_editor_cannot_see_or_publish_releases(editor_client, release):
    assert editor_client.get(url("change", release)).status_code == HTTPStatus.FORBIDDEN
    assert (
        editor_client.get(url("preview", release)).status_code == HTTPStatus.FORBIDDEN
    )
    response = editor_client.post(url("publish", release))
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not FindingsRelease.objects.get(pk=release.pk).is_published


def test_publish_needs_a_post(analyst_client, release):
    response = analyst_client.get(url("publish", release))
    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_an_unknown_release_is_a_404_not_a_500(analyst_client):
    response = analyst_client.get("/admin/findings/findingsrelease/999999/preview/")
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_analysts_hold_the_publish_permission_and_editors_do_not(analyst, editor):
    assert analyst.has_perm("findings.publish_findingsrelease")
    assert analyst.has_perm("findings.add_findingsrelease")
    assert not editor.has_perm("findings.publish_findingsrelease")
    assert not editor.has_perm("findings.view_findingsrelease")
