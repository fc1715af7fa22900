"""The survey over HTTP: the start page and beginning a draft."""

import datetime as dt
from http import HTTPStatus

import pytest
from django.urls import reverse

from survey.models import Response
from survey.tests.factories import LONDON, WaveFactory
from survey.tests.journey import begin, step_url

pytestmark = pytest.mark.django_db


def test_survey_start_leads_to_the_open_wave(client, open_wave, closed_wave):
    response = client.get(reverse("survey:start"))
    assert response["Location"] == reverse("survey:wave_start", args=["open-wave"])


def test_survey_start_with_no_open_wave_shows_the_latest_closed_one(
    client, closed_wave
):
    response = client.get(reverse("survey:start"), follow=True)
    assert b"This survey has closed" in response.content


def test_start_page_says_what_why_how_long_who_sees_close_date_and_support(
    client, open_wave
):
    response = client.get(reverse("survey:wave_start", args=[open_wave.slug]))
    assert response.status_code == HTTPStatus.OK
    text = response.content.decode()
    minutes = open_wave.questionnaire.estimated_minutes
    assert text.count(f"Answering the questions takes about {minutes} minutes") == 1
    assert "Why we are asking" in text
    assert "Who will see your answers" in text
    assert "The survey closes at" in text
    assert "Samaritans" in text
    assert "does not ask about your own experiences of trauma" in text


def test_start_page_time_comes_from_the_questionnaire_estimate(client, open_wave):
    open_wave.questionnaire.estimated_minutes = 25
    open_wave.questionnaire.save()
    text = client.get(reverse("survey:wave_start", args=[open_wave.slug])).content
    assert "takes about 25 minutes" in text.decode()
    assert "15 minutes" not in text.decode()


def test_closed_wave_shows_the_london_close_date(client, closed_wave):
    response = client.get(reverse("survey:wave_start", args=[closed_wave.slug]))
    assert response.status_code == HTTPStatus.OK
    assert "This survey has closed" in response.content.decode()
    assert "11:59pm on Friday 10 January 2025" in response.content.decode()


def test_wave_not_open_yet_says_when_it_opens(client, questionnaire):
    wave = WaveFactory(
        questionnaire=questionnaire,
        opens_at=dt.datetime(2030, 4, 1, 9, 0, tzinfo=LONDON),
        closes_at=dt.datetime(2030, 5, 1, tzinfo=LONDON),
    )
    response = client.get(reverse("survey:wave_start", args=[wave.slug]))
    assert "This survey is not open yet" in response.content.decode()
    assert "9am on Monday 1 April 2030" in response.content.decode()


def test_unpublished_wave_is_not_found(client, questionnaire):
    wave = WaveFactory(questionnaire=questionnaire, is_published=False)
    response = client.get(reverse("survey:wave_start", args=[wave.slug]))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_begin_creates_one_draft_and_opens_the_consent_page(client, open_wave):
    location = begin(client, open_wave)
    assert location == step_url(open_wave, "consent")
    assert Response.objects.drafts().count() == 1
    # Starting again from the same browser continues the same draft.
    begin(client, open_wave)
    assert Response.objects.count() == 1


def test_begin_on_a_closed_wave_is_refused(client, closed_wave):
    response = client.post(reverse("survey:begin", args=[closed_wave.slug]))
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Response.objects.exists()


def test_support_is_signposted_on_survey_pages(client, open_wave, closed_wave):
    begin(client, open_wave)
    for url in (
        step_url(open_wave, "consent"),
        reverse("survey:check", args=[open_wave.slug]),
        reverse("survey:wave_start", args=[closed_wave.slug]),
    ):
        text = client.get(url).content.decode()
        assert "If you need support" in text
        assert "116 123" in text
