"""The survey flow over HTTP: start, pages, save and return, submit, close, abuse."""

import datetime as dt
import re
from http import HTTPStatus

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from survey.models import ContactDetails, Response
from survey.tests.factories import LONDON, WaveFactory, browser_token
from throttling.models import RateLimitBucket
from throttling.services import client_key, rate_limit_hit
from throttling.tokens import token_hash, token_new

pytestmark = pytest.mark.django_db


def _begin(client, wave):
    response = client.post(reverse("survey:begin", args=[wave.slug]), {"website": ""})
    assert response.status_code == HTTPStatus.FOUND
    return response["Location"]


def _token(client, wave):
    return browser_token(client, wave)


def _draft(client, wave):
    return Response.objects.with_token(_token(client, wave)).get()


def _step(wave, key):
    return reverse("survey:step", args=[wave.slug, key])


def _complete(client, wave, **answers):
    """Answer every page with sensible defaults; return the check-answers URL."""
    data = {
        "consent": "on",
        "sector": "nhs",
        "nhs_icb": "north_east",
        "answering_for": "team",
        "team_size": "under_10",
        "has_example": "yes",
        "example_description": "Our <b>reflective</b> sessions",
        "contact": "no",
        **answers,
    }
    location = _begin(client, wave)
    for _ in range(30):
        response = client.post(location, data)
        assert response.status_code == HTTPStatus.FOUND, response.content[:500]
        location = response["Location"]
        if location.endswith("/check-answers/"):
            return location
    raise AssertionError("The survey did not reach check answers.")


# ------------------------------------------------------------------------------
# Start
# ------------------------------------------------------------------------------
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
    location = _begin(client, open_wave)
    assert location == _step(open_wave, "consent")
    assert Response.objects.drafts().count() == 1
    # Starting again from the same browser continues the same draft.
    _begin(client, open_wave)
    assert Response.objects.count() == 1


def test_begin_on_a_closed_wave_is_refused(client, closed_wave):
    response = client.post(reverse("survey:begin", args=[closed_wave.slug]))
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Response.objects.exists()


# ------------------------------------------------------------------------------
# Pages
# ------------------------------------------------------------------------------
def test_section_page_shows_progress_why_we_ask_and_back_link(client, open_wave):
    _begin(client, open_wave)
    client.post(_step(open_wave, "consent"), {"consent": "on"})
    response = client.get(_step(open_wave, "meaning"))
    text = response.content.decode()
    assert "Section 3 of 10" in text
    assert text.count("Why we ask this") == 4
    assert 'class="govuk-back-link"' in text


def test_consent_page_falls_back_to_the_questionnaire_privacy_text(client, open_wave):
    open_wave.privacy_text = ""
    open_wave.save()
    _begin(client, open_wave)
    text = client.get(_step(open_wave, "consent")).content.decode()
    privacy = open_wave.questionnaire.start_page["privacy"]
    first_sentence = privacy.strip().split(".")[0]
    assert first_sentence
    assert str(escape(first_sentence)) in text


def test_consent_is_required_and_the_error_is_shown_with_a_summary(client, open_wave):
    _begin(client, open_wave)
    response = client.post(_step(open_wave, "consent"), {})
    assert response.status_code == HTTPStatus.OK
    text = response.content.decode()
    assert "<title>Error: " in text
    assert "There is a problem" in text
    assert 'href="#id_consent"' in text
    assert "Confirm that you have read the privacy information" in text


def test_nothing_typed_is_cleared_when_a_page_has_an_error(client, open_wave):
    _begin(client, open_wave)
    client.post(_step(open_wave, "consent"), {"consent": "on"})
    typed = "A long answer with <tags> & ampersands"
    response = client.post(
        _step(open_wave, "meaning"),
        {"meaning_own_words": typed, "meaning_familiarity": "not-a-code"},
    )
    text = response.content.decode()
    assert "Select an answer from the list" in text
    assert "A long answer with &lt;tags&gt; &amp; ampersands" in text
    assert "<tags>" not in text


def test_a_page_with_an_error_still_saves_its_valid_answers(client, open_wave):
    _begin(client, open_wave)
    client.post(_step(open_wave, "consent"), {"consent": "on"})
    client.post(_step(open_wave, "meaning"), {"meaning_familiarity": "heard_of_it"})
    client.get(_step(open_wave, "meaning"))
    response = client.post(
        _step(open_wave, "meaning"),
        {"meaning_own_words": "Kept <safe>", "meaning_familiarity": "not-a-code"},
    )
    assert response.status_code == HTTPStatus.OK
    assert "Select an answer from the list" in response.content.decode()
    assert "We have saved the other answers" not in response.content.decode()
    draft = _draft(client, open_wave)
    assert draft.answers["meaning_own_words"] == "Kept <safe>"
    # The answer with the error keeps its stored value until it is corrected.
    assert draft.answers["meaning_familiarity"] == "heard_of_it"


def test_save_and_come_back_later_on_a_page_with_an_error_saves_and_links(
    client, open_wave
):
    _begin(client, open_wave)
    client.post(_step(open_wave, "consent"), {"consent": "on"})
    client.post(_step(open_wave, "about_you"), {"sector": "met_police"})
    client.post(_step(open_wave, "about_you-2"), {"answering_for": "myself"})
    response = client.post(
        _step(open_wave, "meaning"),
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
    draft = _draft(client, open_wave)
    assert draft.answers["meaning_own_words"] == "Typed before the error"
    assert "meaning_familiarity" not in draft.answers
    # The page with the error is not marked done: the link comes back to it.
    assert draft.last_step == "about_you-2"
    other = Client()
    resumed = other.get(reverse("survey:resume", args=[_token(client, open_wave)]))
    assert resumed["Location"] == _step(open_wave, "meaning")
    save_page = client.get(reverse("survey:save", args=[open_wave.slug]))
    assert save_page.status_code == HTTPStatus.OK


def test_continue_saves_answers_to_the_draft(client, open_wave):
    _begin(client, open_wave)
    client.post(_step(open_wave, "consent"), {"consent": "on"})
    response = client.post(_step(open_wave, "about_you"), {"sector": "met_police"})
    assert response["Location"] == _step(open_wave, "about_you-2")
    draft = _draft(client, open_wave)
    assert draft.answers == {"consent": "yes", "sector": "met_police"}
    assert draft.sector == "met_police"
    assert draft.last_step == "about_you"


def test_met_respondents_see_bcu_and_nhs_respondents_see_icb(client, open_wave):
    _begin(client, open_wave)
    client.post(_step(open_wave, "about_you"), {"sector": "met_police"})
    text = client.get(_step(open_wave, "about_you-2")).content.decode()
    assert "Basic Command Unit" in text
    assert "Integrated Care Board (ICB) area" not in text
    client.post(_step(open_wave, "about_you"), {"sector": "nhs"})
    text = client.get(_step(open_wave, "about_you-2")).content.decode()
    assert "Basic Command Unit" not in text
    assert "Integrated Care Board (ICB) area" in text


def test_a_page_routed_out_is_skipped(client, open_wave):
    _begin(client, open_wave)
    client.post(_step(open_wave, "about_you"), {"sector": "vcs"})
    response = client.post(_step(open_wave, "about_you-2"), {"answering_for": "myself"})
    assert response["Location"] == _step(open_wave, "meaning")
    response = client.get(_step(open_wave, "about_you-3"))
    assert response["Location"] == _step(open_wave, "meaning")


def test_unknown_page_is_not_found(client, open_wave):
    _begin(client, open_wave)
    response = client.get(_step(open_wave, "no-such-section"))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_pages_without_a_draft_send_people_to_the_start(client, open_wave):
    response = client.get(_step(open_wave, "consent"))
    assert response["Location"] == reverse("survey:wave_start", args=[open_wave.slug])


# ------------------------------------------------------------------------------
# Check answers and change links
# ------------------------------------------------------------------------------
def test_check_answers_lists_answers_escaped_with_change_links(client, open_wave):
    check_url = _complete(client, open_wave)
    response = client.get(check_url)
    text = response.content.decode()
    assert "Check your answers before submitting" in text
    assert "Our &lt;b&gt;reflective&lt;/b&gt; sessions" in text
    assert "North East London" in text
    assert _step(open_wave, "about_you") + "?change=1" in text
    assert "Not answered" in text


def test_change_link_returns_to_check_answers(client, open_wave):
    check_url = _complete(client, open_wave)
    response = client.post(
        _step(open_wave, "meaning") + "?change=1",
        {"meaning_familiarity": "heard_of_it"},
    )
    assert response["Location"] == check_url


def test_change_that_routes_in_new_questions_asks_them_before_returning(
    client, open_wave
):
    check_url = _complete(client, open_wave, sector="vcs")
    response = client.post(
        _step(open_wave, "about_you") + "?change=1", {"sector": "nhs"}
    )
    assert response["Location"] == _step(open_wave, "about_you-2") + "?change=1"
    response = client.post(response["Location"], {"nhs_icb": "south_west"})
    assert response["Location"] in (
        _step(open_wave, "about_you-3") + "?change=1",
        check_url,
    )


def test_changing_sector_drops_the_old_routed_answers(client, open_wave):
    _complete(client, open_wave)
    client.post(_step(open_wave, "about_you") + "?change=1", {"sector": "vcs"})
    assert "nhs_icb" not in _draft(client, open_wave).answers


# ------------------------------------------------------------------------------
# Submit
# ------------------------------------------------------------------------------
def test_submit_gives_a_reference_and_confirmation(client, open_wave):
    _complete(client, open_wave)
    response = client.post(reverse("survey:submit", args=[open_wave.slug]), follow=True)
    submitted = Response.objects.submitted().get()
    assert submitted.reference in response.content.decode()
    assert "What happens next" in response.content.decode()
    assert submitted.submitted_at is not None


def test_submit_twice_creates_one_response_with_the_same_confirmation(
    client, open_wave
):
    _complete(client, open_wave)
    submit_url = reverse("survey:submit", args=[open_wave.slug])
    first = client.post(submit_url, follow=True)
    second = client.post(submit_url, follow=True)
    assert Response.objects.count() == 1
    reference = Response.objects.get().reference
    assert reference in first.content.decode()
    assert reference in second.content.decode()


def test_resume_link_of_a_submitted_response_does_not_reveal_the_reference(
    client, open_wave
):
    _complete(client, open_wave)
    client.post(reverse("survey:submit", args=[open_wave.slug]))
    submitted = Response.objects.submitted().get()
    token = _token(client, open_wave)
    other = Client()
    response = other.get(reverse("survey:resume", args=[token]))
    assert response.status_code == HTTPStatus.OK
    text = response.content.decode()
    assert "This response has already been submitted" in text
    assert submitted.reference not in text
    assert reverse("survey:withdraw", args=[token]) in text
    # Nor does the confirmation page, in the browser that only has the link.
    confirmation = other.get(reverse("survey:confirmation", args=[open_wave.slug]))
    assert submitted.reference not in confirmation.content.decode()
    withdraw = other.get(reverse("survey:withdraw", args=[token]))
    assert "Your reference" in withdraw.content.decode()
    assert submitted.reference not in withdraw.content.decode()


def test_resume_link_in_the_submitting_browser_shows_the_confirmation(
    client, open_wave
):
    _complete(client, open_wave)
    client.post(reverse("survey:submit", args=[open_wave.slug]))
    reference = Response.objects.submitted().get().reference
    response = client.get(
        reverse("survey:resume", args=[_token(client, open_wave)]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse(
        "survey:confirmation", args=[open_wave.slug]
    )
    assert reference in response.content.decode()


def test_browser_that_started_but_did_not_submit_is_not_shown_the_reference(
    client, open_wave
):
    _complete(client, open_wave)
    token = _token(client, open_wave)
    submitter = Client()
    submitter.get(reverse("survey:resume", args=[token]))
    submitter.post(reverse("survey:submit", args=[open_wave.slug]))
    reference = Response.objects.submitted().get().reference
    assert (
        reference
        in submitter.get(
            reverse("survey:confirmation", args=[open_wave.slug])
        ).content.decode()
    )
    # The starting browser's stale check-answers tab submits again: still one
    # response, and no reference for a browser that did not submit it.
    stale = client.post(reverse("survey:submit", args=[open_wave.slug]), follow=True)
    assert Response.objects.count() == 1
    assert "This response has already been submitted" in stale.content.decode()
    assert reference not in stale.content.decode()
    start = client.get(reverse("survey:wave_start", args=[open_wave.slug]))
    assert reference not in start.content.decode()


def test_back_after_submit_goes_to_the_confirmation_not_the_form(client, open_wave):
    check_url = _complete(client, open_wave)
    client.post(reverse("survey:submit", args=[open_wave.slug]))
    confirmation = reverse("survey:confirmation", args=[open_wave.slug])
    assert client.get(check_url)["Location"] == confirmation
    assert client.get(_step(open_wave, "meaning"))["Location"] == confirmation
    response = client.post(_step(open_wave, "meaning"), {"meaning_own_words": "Late"})
    assert response["Location"] == confirmation
    assert "meaning_own_words" not in Response.objects.get().answers


def test_submit_without_consent_returns_to_the_consent_question(client, open_wave):
    _begin(client, open_wave)
    response = client.post(reverse("survey:submit", args=[open_wave.slug]))
    assert response["Location"] == _step(open_wave, "consent") + "?change=1"
    assert not Response.objects.submitted().exists()


def test_drafts_are_not_counted_as_responses(client, open_wave):
    _begin(client, open_wave)
    assert Response.objects.submitted().count() == 0


# ------------------------------------------------------------------------------
# Save and return
# ------------------------------------------------------------------------------
def test_save_and_come_back_later_shows_the_resume_link(client, open_wave):
    _begin(client, open_wave)
    response = client.post(
        _step(open_wave, "consent"), {"consent": "on", "action": "save"}
    )
    assert response["Location"] == reverse("survey:save", args=[open_wave.slug])
    text = client.get(response["Location"]).content.decode()
    token = _token(client, open_wave)
    assert reverse("survey:resume", args=[token]) in text
    assert _draft(client, open_wave).answers == {"consent": "yes"}


def test_resume_link_reopens_the_draft_in_another_browser(client, open_wave):
    _begin(client, open_wave)
    client.post(_step(open_wave, "consent"), {"consent": "on"})
    client.post(_step(open_wave, "about_you"), {"sector": "nhs"})
    token = _token(client, open_wave)
    other = Client()
    response = other.get(reverse("survey:resume", args=[token]))
    assert response["Location"] == _step(open_wave, "about_you-2")
    other.post(_step(open_wave, "about_you-2"), {"nhs_icb": "north_central"})
    assert Response.objects.get().answers["nhs_icb"] == "north_central"
    assert Response.objects.count() == 1


def test_resume_link_that_does_not_exist_is_not_found(client, open_wave):
    response = client.get(reverse("survey:resume", args=["made-up-token"]))
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "This link does not work" in response.content.decode()


def test_resume_link_after_the_close_shows_the_closed_page(client, closed_wave):
    token = token_new()
    Response.objects.create(wave=closed_wave, resume_token_hash=token_hash(token))
    response = client.get(reverse("survey:resume", args=[token]))
    assert "This survey has closed" in response.content.decode()


def test_email_me_my_link_sends_it_and_keeps_no_address(client, open_wave):
    _begin(client, open_wave)
    response = client.post(
        reverse("survey:save", args=[open_wave.slug]), {"email": "me@example.org"}
    )
    assert "We have sent your link to me@example.org" in response.content.decode()
    assert len(mail.outbox) == 1
    assert _token(client, open_wave) in mail.outbox[0].body
    assert mail.outbox[0].to == ["me@example.org"]
    draft = _draft(client, open_wave)
    assert "me@example.org" not in str(draft.answers)
    assert not ContactDetails.objects.exists()


def test_email_me_my_link_is_limited_per_browser(client, open_wave, settings):
    settings.SURVEY_EMAILS_PER_SESSION_PER_HOUR = 2
    _begin(client, open_wave)
    url = reverse("survey:save", args=[open_wave.slug])
    for _ in range(2):
        client.post(url, {"email": "me@example.org"})
    response = client.post(url, {"email": "me@example.org"})
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert 0 < int(response["Retry-After"]) <= 3660
    assert len(mail.outbox) == 2


def test_email_me_my_link_is_limited_per_address_across_browsers(open_wave, settings):
    settings.SURVEY_EMAILS_PER_IP_PER_HOUR = 2
    url = reverse("survey:save", args=[open_wave.slug])
    codes = []
    for _ in range(3):
        browser = Client()
        _begin(browser, open_wave)
        codes.append(browser.post(url, {"email": "me@example.org"}).status_code)
    assert codes == [HTTPStatus.OK, HTTPStatus.OK, HTTPStatus.TOO_MANY_REQUESTS]
    assert len(mail.outbox) == 2
    # Another address is unaffected.
    elsewhere = Client(REMOTE_ADDR="10.0.0.9")
    _begin(elsewhere, open_wave)
    assert elsewhere.post(url, {"email": "me@example.org"}).status_code == HTTPStatus.OK
    assert not RateLimitBucket.objects.filter(key__contains="127.0.0.1").exists()


def test_email_me_my_link_has_the_honeypot_and_refuses_it_filled(client, open_wave):
    _begin(client, open_wave)
    url = reverse("survey:save", args=[open_wave.slug])
    text = client.get(url).content.decode()
    assert text.count('name="website"') == 1
    assert 'class="til-honeypot" aria-hidden="true"' in text
    assert 'tabindex="-1"' in text
    response = client.post(url, {"email": "me@example.org", "website": "spam"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert len(mail.outbox) == 0


# ------------------------------------------------------------------------------
# Contact opt-in
# ------------------------------------------------------------------------------
def test_contact_details_are_stored_apart_from_the_answers(client, open_wave):
    _complete(client, open_wave)
    client.post(
        reverse("survey:contact", args=[open_wave.slug]) + "?change=1",
        {"contact": "yes", "name": "Sam Smith", "email": "sam@example.org"},
    )
    draft = _draft(client, open_wave)
    assert draft.contact_details.email == "sam@example.org"
    assert "sam@example.org" not in str(draft.answers)
    client.post(
        reverse("survey:contact", args=[open_wave.slug]) + "?change=1",
        {"contact": "no"},
    )
    assert not ContactDetails.objects.exists()


def _summary_links_reach_their_fields(html: str) -> list[str]:
    """The error summary's targets, each asserted to be an element on the page."""
    summary = html[html.index("govuk-error-summary") :]
    targets = re.findall(r'<a href="#([^"]+)">', summary[: summary.index("</ul>")])
    assert targets
    for target in targets:
        assert f'id="{target}"' in html, target
    return targets


def test_contact_errors_link_to_their_fields_and_keep_what_was_typed(client, open_wave):
    _complete(client, open_wave)
    url = reverse("survey:contact", args=[open_wave.slug])
    response = client.post(url, {})
    assert _summary_links_reach_their_fields(response.content.decode()) == [
        "id_contact_1"
    ]
    response = client.post(
        url, {"contact": "yes", "name": "Sam <Smith>", "email": "not-an-address"}
    )
    html = response.content.decode()
    assert _summary_links_reach_their_fields(html) == ["id_email"]
    assert 'value="Sam &lt;Smith&gt;"' in html
    assert 'value="not-an-address"' in html
    assert 'autocomplete="email"' in html


def test_contact_errors_sit_next_to_their_fields_and_the_change_button_says_so(
    client, open_wave
):
    _complete(client, open_wave)
    url = reverse("survey:contact", args=[open_wave.slug]) + "?change=1"
    html = client.post(url, {"contact": "yes", "email": "sam@"}).content.decode()
    for field in ("name", "email"):
        assert f'id="id_{field}-error"' in html
        assert re.search(
            rf'<input class="govuk-input govuk-input--error" id="id_{field}"[^>]*'
            rf'aria-describedby="id_{field}-error" aria-invalid="true">',
            html,
        ), field
    assert 'id="id_phone"' in html and "govuk-input--width-20" in html
    assert 'spellcheck="false"' in html
    assert "Save and return to check answers" in html
    assert "Save and continue" not in html


# ------------------------------------------------------------------------------
# The close, across a tab left open
# ------------------------------------------------------------------------------
def test_post_after_the_close_is_refused_and_what_was_typed_is_kept(client, open_wave):
    _begin(client, open_wave)
    client.post(_step(open_wave, "consent"), {"consent": "on"})
    open_wave.opens_at = dt.datetime(2024, 11, 1, tzinfo=LONDON)
    open_wave.closes_at = dt.datetime(2025, 1, 11, tzinfo=LONDON)
    open_wave.save()
    response = client.post(
        _step(open_wave, "meaning"), {"meaning_own_words": "Typed after <close>"}
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    text = response.content.decode()
    assert "This survey has closed" in text
    assert "will not be counted" in text
    assert "Typed after &lt;close&gt;" in text
    draft = Response.objects.get()
    assert draft.answers["meaning_own_words"] == "Typed after <close>"
    assert draft.saved_after_close_at is not None
    assert draft.status == Response.Status.DRAFT


def _close(wave):
    wave.opens_at = dt.datetime(2024, 11, 1, tzinfo=LONDON)
    wave.closes_at = dt.datetime(2025, 1, 11, tzinfo=LONDON)
    wave.retention_until = dt.date(2026, 1, 31)
    wave.save()


def test_submit_after_the_close_is_refused(client, open_wave):
    _complete(client, open_wave)
    _close(open_wave)
    response = client.post(reverse("survey:submit", args=[open_wave.slug]))
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Response.objects.submitted().exists()
    assert Response.objects.drafts().count() == 1


def test_submit_after_the_close_says_the_answers_were_kept_and_until_when(
    client, open_wave
):
    _complete(client, open_wave)
    _close(open_wave)
    response = client.post(reverse("survey:submit", args=[open_wave.slug]))
    text = response.content.decode()
    assert "has not been submitted and will not be counted" in text
    assert "we kept them with your unfinished response until 31 January 2026" in text
    assert "contact details" not in text
    assert Response.objects.drafts().get().answers["sector"] == "nhs"


def test_contact_details_sent_after_the_close_are_not_kept_and_the_page_says_so(
    client, open_wave
):
    _complete(client, open_wave, has_example="yes")
    _close(open_wave)
    response = client.post(
        reverse("survey:contact", args=[open_wave.slug]),
        {"contact": "yes", "name": "Sam", "email": "sam@example.org"},
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    text = response.content.decode()
    assert "will not be counted" in text
    assert "we kept them with your unfinished response until 31 January 2026" in text
    assert "We did not keep the contact details you just sent" in text
    assert not ContactDetails.objects.exists()


# ------------------------------------------------------------------------------
# Withdraw
# ------------------------------------------------------------------------------
def test_withdraw_with_reference_and_link_deletes_response_and_contact(
    client, open_wave
):
    _complete(client, open_wave, contact="yes", name="Sam", email="sam@example.org")
    client.post(reverse("survey:submit", args=[open_wave.slug]))
    submitted = Response.objects.submitted().get()
    assert ContactDetails.objects.filter(response=submitted).exists()
    url = reverse("survey:withdraw", args=[_token(client, open_wave)])
    response = client.post(url, {"reference": "TIL-2222-2222", "confirm": "on"})
    assert "does not match" in response.content.decode()
    assert _summary_links_reach_their_fields(response.content.decode()) == [
        "id_reference"
    ]
    response = client.post(url, {"reference": submitted.reference, "confirm": "on"})
    assert response["Location"] == reverse("survey:withdrawn")
    assert not Response.objects.exists()
    assert not ContactDetails.objects.exists()


def test_withdraw_link_of_a_draft_is_not_found(client, open_wave):
    _begin(client, open_wave)
    response = client.get(reverse("survey:withdraw", args=[_token(client, open_wave)]))
    assert response.status_code == HTTPStatus.NOT_FOUND


# ------------------------------------------------------------------------------
# Spam and abuse
# ------------------------------------------------------------------------------
def test_honeypot_filled_start_creates_no_draft(client, open_wave):
    response = client.post(
        reverse("survey:begin", args=[open_wave.slug]), {"website": "http://x.example"}
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not Response.objects.exists()


def test_honeypot_filled_submit_does_not_submit(client, open_wave):
    _complete(client, open_wave)
    response = client.post(
        reverse("survey:submit", args=[open_wave.slug]), {"website": "spam"}
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not Response.objects.submitted().exists()


def test_rate_limit_per_browser(client, open_wave, settings):
    settings.SURVEY_STARTS_PER_SESSION_PER_HOUR = 2
    url = reverse("survey:begin", args=[open_wave.slug])
    for _ in range(2):
        assert client.post(url, {"new": "1"}).status_code == HTTPStatus.FOUND
    response = client.post(url, {"new": "1"})
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    # Until the oldest minute of the last hour (at most 61 minutes) leaves it.
    assert 0 < int(response["Retry-After"]) <= 3660
    assert Response.objects.count() == 2


def test_rate_limit_per_ip_is_shared_across_browsers(open_wave, settings):
    settings.SURVEY_STARTS_PER_IP_PER_HOUR = 3
    url = reverse("survey:begin", args=[open_wave.slug])
    codes = [Client().post(url).status_code for _ in range(4)]
    assert codes == [HTTPStatus.FOUND] * 3 + [HTTPStatus.TOO_MANY_REQUESTS]
    # A colleague on another address is unaffected.
    other = Client(REMOTE_ADDR="10.0.0.9").post(url)
    assert other.status_code == HTTPStatus.FOUND
    assert not RateLimitBucket.objects.filter(key__contains="127.0.0.1").exists()


def test_more_than_300_starts_from_one_address_succeed_by_default(open_wave, settings):
    # The audit case: a cascade email sends hundreds of one organisation's
    # staff, all behind one address, to the survey within the hour.
    # 300 starts already counted this hour (as begin counts them), then more.
    key = client_key("127.0.0.1")
    for _ in range(300):
        assert not rate_limit_hit(key=key, limit=settings.SURVEY_STARTS_PER_IP_PER_HOUR)
    url = reverse("survey:begin", args=[open_wave.slug])
    codes = [Client().post(url).status_code for _ in range(5)]
    assert codes == [HTTPStatus.FOUND] * 5
    assert Response.objects.count() == 5


def test_default_per_address_limit_is_above_a_whole_organisation(settings):
    assert settings.SURVEY_STARTS_PER_IP_PER_HOUR >= 2000
    # The per-browser limit stays, so one computer cannot use it all up.
    assert settings.SURVEY_STARTS_PER_SESSION_PER_HOUR == 10


def test_per_address_limit_still_bites_above_the_setting(open_wave, settings):
    settings.SURVEY_STARTS_PER_IP_PER_HOUR = 5
    url = reverse("survey:begin", args=[open_wave.slug])
    codes = [Client().post(url).status_code for _ in range(7)]
    assert codes == [HTTPStatus.FOUND] * 5 + [HTTPStatus.TOO_MANY_REQUESTS] * 2
    assert Response.objects.count() == 5


def test_forwarded_address_is_used_only_behind_a_trusted_proxy(open_wave, settings):
    settings.SURVEY_STARTS_PER_IP_PER_HOUR = 1
    settings.TRUSTED_PROXIES = 1
    url = reverse("survey:begin", args=[open_wave.slug])
    first = Client(HTTP_X_FORWARDED_FOR="1.1.1.1").post(url)
    second = Client(HTTP_X_FORWARDED_FOR="2.2.2.2").post(url)
    third = Client(HTTP_X_FORWARDED_FOR="9.9.9.9, 2.2.2.2").post(url)
    assert first.status_code == second.status_code == HTTPStatus.FOUND
    assert third.status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_oversized_post_gets_a_400_page_not_a_500(client, open_wave):
    _begin(client, open_wave)
    response = client.post(
        _step(open_wave, "meaning"), {"meaning_own_words": "x" * 300_000}
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "<html" in response.content.decode()


def test_too_many_fields_gets_a_400(client, open_wave):
    _begin(client, open_wave)
    data = {f"field{i}": "x" for i in range(500)}
    response = client.post(_step(open_wave, "meaning"), data)
    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_malformed_multipart_post_is_a_4xx(client, open_wave):
    _begin(client, open_wave)
    response = client.generic(
        "POST",
        _step(open_wave, "meaning"),
        b"--broken\r\nnot really multipart",
        content_type="multipart/form-data; boundary=",
    )
    assert (
        HTTPStatus.BAD_REQUEST
        <= response.status_code
        < HTTPStatus.INTERNAL_SERVER_ERROR
    )


def test_over_long_answer_is_refused_with_a_message_and_kept(client, open_wave):
    _begin(client, open_wave)
    response = client.post(
        _step(open_wave, "meaning"), {"meaning_own_words": "y" * 2001}
    )
    assert response.status_code == HTTPStatus.OK
    assert "Enter 2,000 characters or fewer" in response.content.decode()
    assert "y" * 2001 in response.content.decode()


# ------------------------------------------------------------------------------
# Query counts
# ------------------------------------------------------------------------------
def test_page_views_use_a_bounded_number_of_queries(
    client, open_wave, django_assert_max_num_queries
):
    check_url = _complete(client, open_wave)
    # A question page reads its draft and wave in one query, and no session.
    with django_assert_max_num_queries(1):
        client.get(_step(open_wave, "four_rs"))
    with django_assert_max_num_queries(2):
        client.get(check_url)
    # The start page also reads the sources it cites, in one query.
    with django_assert_max_num_queries(3):
        client.get(reverse("survey:wave_start", args=[open_wave.slug]))
    # A saved page: the read, and one conditional UPDATE.
    with django_assert_max_num_queries(2):
        client.post(_step(open_wave, "four_rs"), {"r_realise_1": "agree"})
    # The read, the locked read and the UPDATE, with their savepoints.
    with django_assert_max_num_queries(7):
        client.post(reverse("survey:submit", args=[open_wave.slug]))


def test_reference_is_on_the_confirmation_page_in_the_format(client, open_wave):
    _complete(client, open_wave)
    response = client.post(reverse("survey:submit", args=[open_wave.slug]), follow=True)
    assert re.search(r"TIL-[A-Z0-9]{4}-[A-Z0-9]{4}", response.content.decode())


def test_support_is_signposted_on_survey_pages(client, open_wave, closed_wave):
    _begin(client, open_wave)
    for url in (
        _step(open_wave, "consent"),
        reverse("survey:check", args=[open_wave.slug]),
        reverse("survey:wave_start", args=[closed_wave.slug]),
    ):
        text = client.get(url).content.decode()
        assert "If you need support" in text
        assert "116 123" in text


def test_get_on_form_addresses_redirects_instead_of_an_empty_405(client, open_wave):
    begin = client.get(reverse("survey:begin", args=[open_wave.slug]))
    assert begin["Location"] == reverse("survey:wave_start", args=[open_wave.slug])
    submit = client.get(reverse("survey:submit", args=[open_wave.slug]))
    assert submit["Location"] == reverse("survey:check", args=[open_wave.slug])
