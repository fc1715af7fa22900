"""The compiled pages kept per process: read once, rebuilt when a question changes."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from survey.models import Question, Wave

pytestmark = pytest.mark.django_db


def _begin(client, wave):
    response = client.post(reverse("survey:begin", args=[wave.slug]), {"website": ""})
    assert response.status_code == HTTPStatus.FOUND
    return response["Location"]


def _reads_questions(queries) -> bool:
    return any(
        q["sql"].startswith(('SELECT "survey_question"', 'SELECT "survey_section"'))
        for q in queries
    )


def test_pages_are_not_read_again_while_unchanged(client, open_wave):
    consent_page = _begin(client, open_wave)
    client.get(consent_page)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(consent_page)
    assert response.status_code == HTTPStatus.OK
    assert not _reads_questions(queries.captured_queries)


def test_an_edited_question_shows_on_the_next_page_view(client, open_wave):
    consent_page = _begin(client, open_wave)
    client.get(consent_page)
    question = Question.objects.get(wave=open_wave, code="consent")
    question.text = "I have read the privacy notice and agree (edited)"
    question.save()
    html = client.get(consent_page).content.decode()
    assert "I have read the privacy notice and agree (edited)" in html


def test_a_deleted_question_leaves_the_page_at_once(client, open_wave):
    consent_page = _begin(client, open_wave)
    client.post(consent_page, {"consent": "on"})
    page = reverse("survey:step", args=[open_wave.slug, "about_you-2"])
    assert 'name="organisation_name"' in client.get(page).content.decode()
    Question.objects.filter(wave=open_wave, code="organisation_name").delete()
    html = client.get(page).content.decode()
    assert 'name="organisation_name"' not in html
    assert 'name="job_role"' in html


def test_a_question_changed_by_a_queryset_update_shows_at_once(client, open_wave):
    # update() skips save() and its signals; the database's trigger still counts it.
    consent_page = _begin(client, open_wave)
    client.get(consent_page)
    Question.objects.filter(wave=open_wave, code="consent").update(
        text="I agree (changed in bulk)"
    )
    assert "I agree (changed in bulk)" in client.get(consent_page).content.decode()


def test_saving_a_wave_read_before_a_change_does_not_hide_the_change(client, open_wave):
    consent_page = _begin(client, open_wave)
    stale = Wave.objects.get(pk=open_wave.pk)
    client.get(consent_page)
    Question.objects.filter(wave=open_wave, code="consent").update(
        text="I agree (edited while the wave was open in the admin)"
    )
    stale.name = "Renamed in the admin"
    stale.save()
    html = client.get(consent_page).content.decode()
    assert "I agree (edited while the wave was open in the admin)" in html


def test_a_page_view_reads_only_the_draft_with_its_wave(client, open_wave):
    consent_page = _begin(client, open_wave)
    client.post(consent_page, {"consent": "on"})
    page = reverse("survey:step", args=[open_wave.slug, "about_you-2"])
    client.get(page)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page).status_code == HTTPStatus.OK
    (query,) = queries.captured_queries
    assert '"survey_response" r INNER JOIN "survey_wave" w' in query["sql"]
