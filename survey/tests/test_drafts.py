"""A page of a draft: read with its wave, written only over the draft read."""

import pytest
from django.db import connection

from survey import services
from survey.models import Response
from survey.tests.factories import ResponseFactory

pytestmark = pytest.mark.django_db


def test_a_page_saved_over_an_unchanged_draft_is_one_update(
    open_wave, django_assert_num_queries
):
    draft = ResponseFactory(wave=open_wave)
    read = Response.objects.select_related("wave").get(pk=draft.pk)
    questions = list(open_wave.questions.all())
    with django_assert_num_queries(1):
        saved = services.response_save_answers(
            response=read,
            page_answers={"consent": "yes", "organisation_name": "Camden"},
            page_keys=["consent", "organisation_name"],
            step_key="about_you",
            questions=questions,
        )
    stored = Response.objects.get(pk=draft.pk)
    for name in services.DRAFT_FIELDS:
        assert getattr(stored, name) == getattr(saved, name), name
    assert stored.answers == {"consent": "yes", "organisation_name": "Camden"}
    assert stored.last_step == "about_you"


def test_the_responses_table_leaves_room_for_a_drafts_next_version():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reloptions FROM pg_class WHERE relname = %s", ["survey_response"]
        )
        (options,) = cursor.fetchone()
    assert "fillfactor=70" in options
