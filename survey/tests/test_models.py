"""Waves open and close in London time; responses keep their rules in the database."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from survey.models import Question, Response, Wave
from survey.tests.factories import (
    LONDON,
    QuestionFactory,
    ResponseFactory,
    SubmittedResponseFactory,
    WaveFactory,
)
from throttling.tokens import token_hash, token_new
from vocabulary.choices import Borough

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def test_wave_2024_25_is_open_until_the_end_of_10_january_london_time():
    wave = WaveFactory(
        opens_at=dt.datetime(2024, 11, 1, tzinfo=LONDON),
        closes_at=dt.datetime(2025, 1, 11, tzinfo=LONDON),
    )
    assert wave.status(dt.datetime(2024, 10, 31, 23, 59, 59, tzinfo=LONDON)) == (
        Wave.Status.NOT_OPEN_YET
    )
    assert wave.status(dt.datetime(2024, 11, 1, tzinfo=LONDON)) == Wave.Status.OPEN
    last = dt.datetime(2025, 1, 10, 23, 59, 59, 999999, tzinfo=LONDON)
    assert wave.is_open(last)
    assert not wave.is_open(dt.datetime(2025, 1, 11, tzinfo=LONDON))
    assert wave.status(dt.datetime(2025, 1, 11, tzinfo=LONDON)) == Wave.Status.CLOSED
    assert wave.last_moment == last


def test_opening_on_1_november_is_midnight_gmt_after_the_clocks_go_back():
    # BST ended on 27 October 2024, so London midnight is 00:00 UTC.
    wave = WaveFactory(
        opens_at=dt.datetime(2024, 11, 1, tzinfo=LONDON),
        closes_at=dt.datetime(2025, 1, 11, tzinfo=LONDON),
    )
    assert wave.opens_at == dt.datetime(2024, 11, 1, 0, 0, tzinfo=UTC)
    assert not wave.is_open(dt.datetime(2024, 10, 31, 23, 59, tzinfo=UTC))


def test_a_wave_closing_in_summer_closes_at_london_midnight_which_is_2300_utc():
    wave = WaveFactory(
        opens_at=dt.datetime(2025, 3, 1, tzinfo=LONDON),
        closes_at=dt.datetime(2025, 7, 1, tzinfo=LONDON),
    )
    assert wave.is_open(dt.datetime(2025, 6, 30, 22, 59, 59, tzinfo=UTC))
    assert not wave.is_open(dt.datetime(2025, 6, 30, 23, 0, tzinfo=UTC))


def test_a_wave_open_across_the_spring_clock_change_keeps_its_hours():
    # 30 March 2025: 01:00 GMT becomes 02:00 BST.
    wave = WaveFactory(
        opens_at=dt.datetime(2025, 3, 30, 0, 30, tzinfo=LONDON),
        closes_at=dt.datetime(2025, 3, 30, 3, 0, tzinfo=LONDON),
    )
    wave.refresh_from_db()
    # Python subtracts same-zone datetimes as wall-clock times, so compare in UTC.
    elapsed = wave.closes_at.astimezone(UTC) - wave.opens_at.astimezone(UTC)
    assert elapsed == dt.timedelta(hours=1, minutes=30)
    assert wave.is_open(dt.datetime(2025, 3, 30, 0, 59, tzinfo=UTC))
    assert not wave.is_open(dt.datetime(2025, 3, 30, 2, 0, tzinfo=UTC))


def test_wave_must_close_after_it_opens():
    with pytest.raises(IntegrityError, match="survey_wave_closes_after_opening"):
        WaveFactory(
            opens_at=dt.datetime(2025, 1, 1, tzinfo=LONDON),
            closes_at=dt.datetime(2025, 1, 1, tzinfo=LONDON),
        )


def test_open_queryset_lists_only_published_open_waves():
    open_wave = WaveFactory()
    WaveFactory(is_published=False)
    WaveFactory(
        opens_at=dt.datetime(2024, 11, 1, tzinfo=LONDON),
        closes_at=dt.datetime(2025, 1, 11, tzinfo=LONDON),
    )
    assert list(Wave.objects.open()) == [open_wave]
    assert Wave.objects.published().count() == 2


def test_submitted_response_needs_reference_and_time():
    with pytest.raises(
        IntegrityError, match="survey_response_submitted_has_reference_and_time"
    ):
        ResponseFactory(status=Response.Status.SUBMITTED)


def test_draft_cannot_carry_a_reference():
    with pytest.raises(
        IntegrityError, match="survey_response_submitted_has_reference_and_time"
    ):
        ResponseFactory(reference="TIL-AAAA-BBBB")


def test_references_are_unique_but_drafts_share_the_empty_one():
    first = SubmittedResponseFactory()
    ResponseFactory()
    ResponseFactory()
    with pytest.raises(IntegrityError, match="survey_response_reference_unique"):
        SubmittedResponseFactory(reference=first.reference)


def test_reference_is_human_friendly():
    reference = Response.new_reference()
    assert re.fullmatch(r"TIL-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}", reference)


def test_resume_token_is_stored_only_as_its_hash():
    token = token_new()
    response = ResponseFactory(resume_token_hash=token_hash(token))
    assert token not in response.resume_token_hash
    assert len(response.resume_token_hash) == 64
    assert list(Response.objects.with_token(token)) == [response]
    assert not Response.objects.with_token(token + "x").exists()


def test_querysets_tell_drafts_from_submitted():
    wave = WaveFactory()
    draft = ResponseFactory(wave=wave)
    submitted = SubmittedResponseFactory(wave=wave)
    SubmittedResponseFactory()
    assert list(Response.objects.for_wave(wave).submitted()) == [submitted]
    assert list(Response.objects.for_wave(wave).drafts()) == [draft]


def test_set_answers_copies_sector_boroughs_and_organisation_for_filtering():
    response = ResponseFactory()
    response.set_answers(
        {
            "sector": "nhs",
            "boroughs": ["hackney", "not_a_borough"],
            "organisation_name": "Homerton",
        }
    )
    response.save()
    response.refresh_from_db()
    assert response.sector == "nhs"
    assert response.boroughs == [Borough.HACKNEY]
    assert response.organisation == "Homerton"
    assert Response.objects.filter(boroughs__contains=["hackney"]).exists()


def test_question_codes_are_unique_per_wave():
    question = QuestionFactory(code="sector")
    QuestionFactory(code="sector")  # another wave
    with pytest.raises(IntegrityError, match="survey_question_code_unique_per_wave"):
        QuestionFactory(code="sector", section=question.section)


@pytest.mark.parametrize(
    ("qtype", "extra", "codes"),
    [
        (
            Question.Type.AGREEMENT,
            {},
            [
                "strongly_disagree",
                "disagree",
                "neither",
                "agree",
                "strongly_agree",
                "dont_know",
            ],
        ),
        (
            Question.Type.AGREEMENT,
            {"options": [{"code": "not_applicable", "label": "Not applicable"}]},
            [
                "strongly_disagree",
                "disagree",
                "neither",
                "agree",
                "strongly_agree",
                "dont_know",
                "not_applicable",
            ],
        ),
        (Question.Type.YES_NO, {}, ["yes", "no", "dont_know"]),
        (
            Question.Type.YES_NO,
            {"prefer_not_to_say": True},
            ["yes", "no", "dont_know", "prefer_not_to_say"],
        ),
        (Question.Type.SINGLE, {"other_text": True}, ["a", "b", "other"]),
        (Question.Type.LONG_TEXT, {}, []),
    ],
)
def test_options_with_labels_adds_the_supplied_codes(qtype, extra, codes):
    question = QuestionFactory.build(type=qtype, **extra)
    assert [o["code"] for o in question.options_with_labels()] == codes


def test_borough_options_are_the_vocabulary_with_pan_london_and_outside():
    question = QuestionFactory.build(type=Question.Type.BOROUGH, multiple=True)
    codes = [o["code"] for o in question.options_with_labels()]
    assert codes == list(Borough.values)
    assert len(codes) == 35
    assert question.label_for("pan_london") == "Pan-London"


def test_label_for_turns_a_code_into_its_label_and_leaves_unknown_codes():
    question = QuestionFactory.build(type=Question.Type.AGREEMENT)
    assert question.label_for("neither") == "Neither agree nor disagree"
    assert question.label_for("gone") == "gone"


def test_wave_slug_cannot_hide_a_survey_path():
    wave = WaveFactory.build(slug="resume")
    with pytest.raises(ValidationError, match="used by the survey"):
        wave.clean()
