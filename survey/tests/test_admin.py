"""Staff can edit waves, sections and questions in the admin."""

from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from survey.models import Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("staff", "s@example.org", "pw")
    client.force_login(user)
    return client


def test_wave_list_and_change_pages_load(staff_client, open_wave):
    response = staff_client.get(reverse("admin:survey_wave_changelist"))
    assert response.status_code == HTTPStatus.OK
    assert "Open wave" in response.content.decode()
    response = staff_client.get(
        reverse("admin:survey_wave_change", args=[open_wave.pk])
    )
    assert "Dates (London time)" in response.content.decode()


def test_section_page_edits_its_questions(staff_client, open_wave):
    section = open_wave.sections.get(code="consent")
    url = reverse("admin:survey_section_change", args=[section.pk])
    assert staff_client.get(url).status_code == HTTPStatus.OK


def _question_post(question, **changes):
    return {
        "section": question.section_id,
        "code": question.code,
        "type": question.type,
        "text": "Which sector are you in?",
        "why": question.why,
        "hint": "",
        "options": '[{"code": "nhs", "label": "NHS"}]',
        "show_if": "{}",
        "order": 1,
        **changes,
    }


def test_question_edit_keeps_the_wave_of_its_section(staff_client, open_wave):
    question = open_wave.questions.get(code="sector")
    url = reverse("admin:survey_question_change", args=[question.pk])
    assert staff_client.get(url).status_code == HTTPStatus.OK
    response = staff_client.post(url, _question_post(question))
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    question = Question.objects.get(pk=question.pk)
    assert question.text == "Which sector are you in?"
    assert question.wave == open_wave


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"code": "nhs_icb"}, "Another question in this wave already uses this code"),
        ({"code": "Sector-2"}, "Use lower-case letters"),
        ({"show_if": '["sector"]'}, "Enter {} or"),
        ({"options": '[{"code": "other", "label": "Other"}]'}, "must be unique"),
        ({"options": "[]"}, "Add the options"),
    ],
)
def test_question_edits_that_would_break_the_survey_are_refused(
    staff_client, open_wave, changes, message
):
    question = open_wave.questions.get(code="sector")
    url = reverse("admin:survey_question_change", args=[question.pk])
    response = staff_client.post(url, _question_post(question, **changes))
    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()
    assert Question.objects.get(pk=question.pk).text == question.text
