"""The survey pages' two hand-written statements agree with the ORM's."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from survey.models import Response, Wave
from survey.models.drafts import (
    DRAFT_FIELDS,
    draft_with_wave,
    draft_write_if_unchanged,
)
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


def test_the_draft_and_its_wave_are_read_as_the_orm_reads_them(draft, open_wave):
    read = draft_with_wave(TOKEN, open_wave.slug)
    orm = Response.objects.select_related("wave").get(pk=draft.pk)
    assert _values(read) == _values(orm)
    assert _values(read.wave) == _values(orm.wave)
    assert read.answers["boroughs"] == ["hackney", "newham"]
    assert read.boroughs == ["hackney", "newham"]
    assert not read._state.adding
    assert read.wave is read.wave  # cached: no query for it


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


def test_a_page_is_written_only_over_the_draft_that_was_read(draft, open_wave):
    read = draft_with_wave(TOKEN, open_wave.slug)
    read_at = read.updated_at
    read.set_draft_answers({"sector": "police", "boroughs": ["camden"]})
    read.last_step = "about_you"
    read.saved_after_close_at = dt.datetime(2025, 1, 11, tzinfo=dt.UTC)
    read.updated_at = timezone.now()
    assert draft_write_if_unchanged(read, read_at)
    stored = Response.objects.get(pk=draft.pk)
    for name in DRAFT_FIELDS:
        assert getattr(stored, name) == getattr(read, name), name
    # Saved again from the first read: someone else wrote it meanwhile.
    assert not draft_write_if_unchanged(read, read_at)


def test_a_submitted_response_is_never_written_as_a_draft(draft, open_wave):
    read = draft_with_wave(TOKEN, open_wave.slug)
    Response.objects.filter(pk=draft.pk).update(
        status=Response.Status.SUBMITTED,
        submitted_at=timezone.now(),
        reference="TIL-AAAA-BBBB",
    )
    read.last_step = "changed"
    assert not draft_write_if_unchanged(read, read.updated_at)
    assert Response.objects.get(pk=draft.pk).last_step != "changed"


def test_the_responses_table_leaves_room_for_a_drafts_next_version():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reloptions FROM pg_class WHERE relname = %s", ["survey_response"]
        )
        (options,) = cursor.fetchone()
    assert "fillfactor=70" in options
