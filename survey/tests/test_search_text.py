"""Response.search_text: what the admin's search reads, and that it stays current."""

import datetime as dt
from http import HTTPStatus
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from survey import services
from survey.models import Response
from survey.tests.factories import SAMPLE_ANSWERS, ResponseFactory, submitted

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:survey_response_changelist")


def _found(client, term: str) -> set[str]:
    response = client.get(CHANGELIST, {"q": term})
    assert response.status_code == HTTPStatus.OK
    return {r.reference for r in response.context["cl"].result_list}


def test_search_text_holds_free_text_and_organisation_but_no_codes(open_wave):
    response = submitted(open_wave)
    text = response.search_text
    for words in (
        "Hackney Council",
        "Housing officer",
        "Seeing the person, not the behaviour.",
        "Fewer missed appointments.",
        SAMPLE_ANSWERS["barriers_other"],
    ):
        assert words in text
    for code in ("local_authority", "housing", "islington", "agree", "funding"):
        assert code not in text
    assert "organisation_name" not in text and "barriers_other" not in text
    # The organisation is held once, not twice.
    assert text.count("Hackney Council") == 1


def test_search_finds_other_box_text_and_organisation_not_option_codes(
    analyst_client, open_wave
):
    match = submitted(open_wave)
    submitted(
        open_wave,
        {"consent": "yes", "sector": "nhs", "organisation_name": "Barts Health"},
    )
    assert _found(analyst_client, "HYPERLINK") == {match.reference}
    assert _found(analyst_client, "hackney council") == {match.reference}
    assert len(_found(analyst_client, "barts")) == 1
    # Codes of chosen options, and answer keys, are not searchable.
    for code in ("training_all_staff", "internally_evaluated", "funding", "nhs"):
        assert _found(analyst_client, code) == set(), code
    assert _found(analyst_client, "example_difference") == set()


def test_search_text_is_built_at_submission_not_on_each_saved_page(open_wave):
    draft = ResponseFactory(wave=open_wave)
    questions = list(open_wave.questions.all())
    for organisation in ("Camden Youth Service", "Lambeth Council"):
        services.response_save_answers(
            response=draft,
            page_answers={"consent": "yes", "organisation_name": organisation},
            page_keys=["consent", "organisation_name"],
            step_key="about_you",
            questions=questions,
        )
    draft.refresh_from_db()
    # Drafts are never searched: their text and vector wait for submission.
    assert draft.organisation == "Lambeth Council"
    assert draft.search_text == ""
    services.response_submit(response=draft)
    draft.refresh_from_db()
    assert draft.search_text == "Lambeth Council"
    assert Response.objects.filter(search_vector="lambeth").get() == draft


def test_submitting_rebuilds_a_stale_search_text(open_wave):
    draft = ResponseFactory(wave=open_wave)
    draft.set_answers({"consent": "yes", "meaning_own_words": "Listening first."})
    draft.search_text = ""
    draft.save()
    services.response_submit(response=draft)
    draft.refresh_from_db()
    assert draft.status == Response.Status.SUBMITTED
    assert draft.search_text == "Listening first."


def test_migration_backfills_search_text_and_clears_it_on_the_way_back(open_wave):
    migration = import_module("survey.migrations.0003_response_search_text")
    first = submitted(open_wave)
    second = submitted(open_wave, submitted_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    expected = {r.pk: r.search_text for r in (first, second)}
    Response.objects.update(search_text="")
    migration.search_text_backfill(apps, None)
    assert dict(Response.objects.values_list("pk", "search_text")) == expected
    migration.search_text_clear(apps, None)
    assert set(Response.objects.values_list("search_text", flat=True)) == {""}


def test_search_finds_word_starts_phrases_and_terms_that_are_not_plain_words(
    analyst_client, open_wave
):
    match = submitted(
        open_wave,
        {
            **SAMPLE_ANSWERS,
            "example_difference": "Well-being rose; see ada@example.org. "
            "Fewer appointments.",
        },
    )
    submitted(open_wave, {"consent": "yes", "organisation_name": "Barts Health"})
    for term in (
        "appoint",
        "not the behaviour.",
        "well-being",
        "ada@example",
        "rose; see",
        "HACKNEY COUNCIL",
    ):
        assert _found(analyst_client, term) == {match.reference}, term
    # Words must appear in this order, as one run of text.
    assert _found(analyst_client, "council hackney") == set()


def test_search_words_are_plain_words_or_none():
    from survey.admin.search import search_words

    assert search_words("Hackney  Council.") == ["hackney", "council"]
    assert search_words("(drop-in)") == []
    assert search_words("100%") == []
    assert search_words("ada@example.org") == []
    assert search_words(" ... ") == []


def test_a_reference_finds_its_response_in_any_case(analyst_client, open_wave):
    match = submitted(open_wave)
    submitted(open_wave)
    assert _found(analyst_client, match.reference.lower()) == {match.reference}
    assert _found(analyst_client, "TIL-0000-0000") == set()


def test_search_words_must_be_in_order_and_punctuation_still_counts(
    analyst_client, open_wave
):
    match = submitted(open_wave)
    assert _found(analyst_client, "fewer missed") == {match.reference}
    assert _found(analyst_client, "the behav") == {match.reference}
    assert _found(analyst_client, "fewer appointments") == set()
    assert _found(analyst_client, "behaviour,") == set()
    assert _found(analyst_client, "behaviour.") == {match.reference}
