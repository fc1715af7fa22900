"""The survey over HTTP: question pages, their errors and routing."""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from survey.tests.journey import begin, draft_of, step_url, token_of

pytestmark = pytest.mark.django_db


def test_section_page_shows_progress_why_we_ask_and_back_link(client, open_wave):
    begin(client, open_wave)
    client.post(step_url(open_wave, "consent"), {"consent": "on"})
    response = client.get(step_url(open_wave, "meaning"))
    text = response.content.decode()
    assert "Section 3 of 10" in text
    assert text.count("Why we ask this") == 4
    assert 'class="govuk-back-link"' in text


def test_consent_page_falls_back_to_the_questionnaire_privacy_text(client, open_wave):
    open_wave.privacy_text = ""
    open_wave.save()
    begin(client, open_wave)
    text = client.get(step_url(open_wave, "consent")).content.decode()
    privacy = open_wave.questionnaire.start_page["privacy"]
    first_sentence = privacy.strip().split(".")[0]
    assert first_sentence
    assert str(escape(first_sentence)) in text


def test_consent_is_required_and_the_error_is_shown_with_a_summary(client, open_wave):
    begin(client, open_wave)
    response = client.post(step_url(open_wave, "consent"), {})
    assert response.status_code == HTTPStatus.OK
    text = response.content.decode()
    assert "<title>Error: " in text
    assert "There is a problem" in text
    assert 'href="#id_consent"' in text
    assert "Confirm that you have read the privacy information" in text


def test_nothing_typed_is_cleared_when_a_page_has_an_error(client, open_wave):
    begin(client, open_wave)
    client.post(step_url(open_wave, "consent"), {"consent": "on"})
    typed = "A long answer with <tags> & ampersands"
    response = client.post(
        step_url(open_wave, "meaning"),
        {"meaning_own_words": typed, "meaning_familiarity": "not-a-code"},
    )
    text = response.content.decode()
    assert "Select an answer from the list" in text
    assert "A long answer with &lt;tags&gt; &amp; ampersands" in text
    assert "<tags>" not in text


def test_a_page_with_an_error_still_saves_its_valid_answers(client, open_wave):
    begin(client, open_wave)
    client.post(step_url(open_wave, "consent"), {"consent": "on"})
    client.post(step_url(open_wave, "meaning"), {"meaning_familiarity": "heard_of_it"})
    client.get(step_url(open_wave, "meaning"))
    response = client.post(
        step_url(open_wave, "meaning"),
        {"meaning_own_words": "Kept <safe>", "meaning_familiarity": "not-a-code"},
    )
    assert response.status_code == HTTPStatus.OK
    assert "Select an answer from the list" in response.content.decode()
    assert "We have saved the other answers" not in response.content.decode()
    draft = draft_of(client, open_wave)
    assert draft.answers["meaning_own_words"] == "Kept <safe>"
    # The answer with the error keeps its stored value until it is corrected.
    assert draft.answers["meaning_familiarity"] == "heard_of_it"


def test_save_and_come_back_later_on_a_page_with_an_error_saves_and_links(
    client, open_wave
):
    begin(client, open_wave)
    client.post(step_url(open_wave, "consent"), {"consent": "on"})
    client.post(step_url(open_wave, "about_you"), {"sector": "met_police"})
    client.post(step_url(open_wave, "about_you-2"), {"answering_for": "myself"})
    response = client.post(
        step_url(open_wave, "meaning"),
        {
            "meaning_own_words": "Typed before the error",
            "meaning_familiarity": "not-a-code",
            "action": "save",
        },
    )
    assert response.status_code == HTTPStatus.OK
    text = response.content.decode()
    assert "There is a problem" in text
    assert "Select an answer from the list" in text
    assert "We have saved the other answers on this page" in text
    assert f'href="{reverse("survey:save", args=[open_wave.slug])}"' in text
    assert "Typed before the error" in text
    draft = draft_of(client, open_wave)
    assert draft.answers["meaning_own_words"] == "Typed before the error"
    assert "meaning_familiarity" not in draft.answers
    # The page with the error is not marked done: the link comes back to it.
    assert draft.last_step == "about_you-2"
    other = Client()
    resumed = other.get(reverse("survey:resume", args=[token_of(client, open_wave)]))
    assert resumed["Location"] == step_url(open_wave, "meaning")
    save_page = client.get(reverse("survey:save", args=[open_wave.slug]))
    assert save_page.status_code == HTTPStatus.OK


def test_continue_saves_answers_to_the_draft(client, open_wave):
    begin(client, open_wave)
    client.post(step_url(open_wave, "consent"), {"consent": "on"})
    response = client.post(step_url(open_wave, "about_you"), {"sector": "met_police"})
    assert response["Location"] == step_url(open_wave, "about_you-2")
    draft = draft_of(client, open_wave)
    assert draft.answers == {"consent": "yes", "sector": "met_police"}
    assert draft.sector == "met_police"
    assert draft.last_step == "about_you"


def test_met_respondents_see_bcu_and_nhs_respondents_see_icb(client, open_wave):
    begin(client, open_wave)
    client.post(step_url(open_wave, "about_you"), {"sector": "met_police"})
    text = client.get(step_url(open_wave, "about_you-2")).content.decode()
    assert "Basic Command Unit" in text
    assert "Integrated Care Board (ICB) area" not in text
    client.post(step_url(open_wave, "about_you"), {"sector": "nhs"})
    text = client.get(step_url(open_wave, "about_you-2")).content.decode()
    assert "Basic Command Unit" not in text
    assert "Integrated Care Board (ICB) area" in text


def test_a_page_routed_out_is_skipped(client, open_wave):
    begin(client, open_wave)
    client.post(step_url(open_wave, "about_you"), {"sector": "vcs"})
    response = client.post(
        step_url(open_wave, "about_you-2"), {"answering_for": "myself"}
    )
    assert response["Location"] == step_url(open_wave, "meaning")
    response = client.get(step_url(open_wave, "about_you-3"))
    assert response["Location"] == step_url(open_wave, "meaning")


def test_unknown_page_is_not_found(client, open_wave):
    begin(client, open_wave)
    response = client.get(step_url(open_wave, "no-such-section"))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_pages_without_a_draft_send_people_to_the_start(client, open_wave):
    response = client.get(step_url(open_wave, "consent"))
    assert response["Location"] == reverse("survey:wave_start", args=[open_wave.slug])


def test_over_long_answer_is_refused_with_a_message_and_kept(client, open_wave):
    begin(client, open_wave)
    response = client.post(
        step_url(open_wave, "meaning"), {"meaning_own_words": "y" * 2001}
    )
    assert response.status_code == HTTPStatus.OK
    assert "Enter 2,000 characters or fewer" in response.content.decode()
    assert "y" * 2001 in response.content.decode()


def test_get_on_form_addresses_redirects_instead_of_an_empty_405(client, open_wave):
    begin = client.get(reverse("survey:begin", args=[open_wave.slug]))
    assert begin["Location"] == reverse("survey:wave_start", args=[open_wave.slug])
    submit = client.get(reverse("survey:submit", args=[open_wave.slug]))
    assert submit["Location"] == reverse("survey:check", args=[open_wave.slug])
