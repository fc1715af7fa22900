"""A page of a draft: read with its wave as the ORM reads it, written only over
the draft read."""

import pytest
from django.db import connection

from survey import services
from survey.models import Response, Wave
from survey.models.drafts import draft_with_wave
from survey.tests.factories import ResponseFactory
from throttling.tokens import token_hash

pytestmark = pytest.mark.django_db

TOKEN = "a-resume-token"


def _values(instance) -> dict:
    return {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
    }


@pytest.fixture
def draft(open_wave):
    response = ResponseFactory(wave=open_wave, resume_token_hash=token_hash(TOKEN))
    response.set_draft_answers(
        {"sector": "nhs", "boroughs": ["hackney", "newham"], "note": "Ünïcode ✓"}
    )
    response.save()
    return response


def test_the_draft_and_its_wave_are_read_as_the_orm_reads_them(
    draft, open_wave, django_assert_num_queries
):
    with django_assert_num_queries(1):
        read = draft_with_wave(TOKEN, open_wave.slug)
        assert read.wave.slug == open_wave.slug  # no query for it
    orm = Response.objects.select_related("wave").get(pk=draft.pk)
    assert _values(read) == _values(orm)
    assert _values(read.wave) == _values(orm.wave)
    assert read.answers["boroughs"] == ["hackney", "newham"]
    assert read.boroughs == ["hackney", "newham"]
    assert not read._state.adding


def test_no_draft_for_another_wave_an_unpublished_wave_or_a_wrong_token(
    draft, open_wave
):
    other = Wave.objects.create(
        name="Other",
        slug="other",
        opens_at=open_wave.opens_at,
        closes_at=open_wave.closes_at,
        questionnaire=open_wave.questionnaire,
        retention_until=open_wave.retention_until,
        is_published=True,
    )
    assert draft_with_wave(TOKEN, other.slug) is None
    assert draft_with_wave("not-the-token", open_wave.slug) is None
    Wave.objects.filter(pk=open_wave.pk).update(is_published=False)
    assert draft_with_wave(TOKEN, open_wave.slug) is None


def test_a_page_saved_over_an_unchanged_draft_is_one_update(
    draft, open_wave, django_assert_num_queries
):
    read = draft_with_wave(TOKEN, open_wave.slug)
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
    assert stored.answers["consent"] == "yes"
    assert stored.last_step == "about_you"


def test_the_responses_table_leaves_room_for_a_drafts_next_version():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reloptions FROM pg_class WHERE relname = %s", ["survey_response"]
        )
        (options,) = cursor.fetchone()
    assert "fillfactor=70" in options
