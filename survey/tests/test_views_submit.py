"""The survey over HTTP: check answers, change links, submit and confirmation."""

import re
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from survey.models import Response
from survey.tests.journey import begin, complete, draft_of, step_url, token_of

pytestmark = pytest.mark.django_db


def test_check_answers_lists_answers_escaped_with_change_links(client, open_wave):
    check_url = complete(client, open_wave)
    response = client.get(check_url)
    text = response.content.decode()
    assert "Check your answers before submitting" in text
    assert "Our &lt;b&gt;reflective&lt;/b&gt; sessions" in text
    assert "North East London" in text
    assert step_url(open_wave, "about_you") + "?change=1" in text
    assert "Not answered" in text


def test_change_link_returns_to_check_answers(client, open_wave):
    check_url = complete(client, open_wave)
    response = client.post(
        step_url(open_wave, "meaning") + "?change=1",
        {"meaning_familiarity": "heard_of_it"},
    )
    assert response["Location"] == check_url


def test_change_that_routes_in_new_questions_asks_them_before_returning(
    client, open_wave
):
    check_url = complete(client, open_wave, sector="vcs")
    response = client.post(
        step_url(open_wave, "about_you") + "?change=1", {"sector": "nhs"}
    )
    assert response["Location"] == step_url(open_wave, "about_you-2") + "?change=1"
    response = client.post(response["Location"], {"nhs_icb": "south_west"})
    assert response["Location"] in (
        step_url(open_wave, "about_you-3") + "?change=1",
        check_url,
    )


def test_changing_sector_drops_the_old_routed_answers(client, open_wave):
    complete(client, open_wave)
    client.post(step_url(open_wave, "about_you") + "?change=1", {"sector": "vcs"})
    assert "nhs_icb" not in draft_of(client, open_wave).answers


def test_submit_gives_a_reference_and_confirmation(client, open_wave):
    complete(client, open_wave)
    response = client.post(reverse("survey:submit", args=[open_wave.slug]), follow=True)
    submitted = Response.objects.submitted().get()
    assert submitted.reference in response.content.decode()
    assert "What happens next" in response.content.decode()
    assert submitted.submitted_at is not None


def test_submit_twice_creates_one_response_with_the_same_confirmation(
    client, open_wave
):
    complete(client, open_wave)
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
    complete(client, open_wave)
    client.post(reverse("survey:submit", args=[open_wave.slug]))
    submitted = Response.objects.submitted().get()
    token = token_of(client, open_wave)
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
    complete(client, open_wave)
    client.post(reverse("survey:submit", args=[open_wave.slug]))
    reference = Response.objects.submitted().get().reference
    response = client.get(
        reverse("survey:resume", args=[token_of(client, open_wave)]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse(
        "survey:confirmation", args=[open_wave.slug]
    )
    assert reference in response.content.decode()


def test_browser_that_started_but_did_not_submit_is_not_shown_the_reference(
    client, open_wave
):
    complete(client, open_wave)
    token = token_of(client, open_wave)
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
    check_url = complete(client, open_wave)
    client.post(reverse("survey:submit", args=[open_wave.slug]))
    confirmation = reverse("survey:confirmation", args=[open_wave.slug])
    assert client.get(check_url)["Location"] == confirmation
    assert client.get(step_url(open_wave, "meaning"))["Location"] == confirmation
    response = client.post(
        step_url(open_wave, "meaning"), {"meaning_own_words": "Late"}
    )
    assert response["Location"] == confirmation
    assert "meaning_own_words" not in Response.objects.get().answers


def test_submit_without_consent_returns_to_the_consent_question(client, open_wave):
    begin(client, open_wave)
    response = client.post(reverse("survey:submit", args=[open_wave.slug]))
    assert response["Location"] == step_url(open_wave, "consent") + "?change=1"
    assert not Response.objects.submitted().exists()


def test_drafts_are_not_counted_as_responses(client, open_wave):
    begin(client, open_wave)
    assert Response.objects.submitted().count() == 0


def test_reference_is_on_the_confirmation_page_in_the_format(client, open_wave):
    complete(client, open_wave)
    response = client.post(reverse("survey:submit", args=[open_wave.slug]), follow=True)
    assert re.search(r"TIL-[A-Z0-9]{4}-[A-Z0-9]{4}", response.content.decode())
