"""The survey over HTTP: save and return, resume links, withdrawal."""

from http import HTTPStatus

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from survey.models import ContactDetails, Response
from survey.tests.journey import (
    begin,
    complete,
    draft_of,
    error_summary_targets,
    step_url,
    token_of,
)
from throttling.models import RateLimitBucket
from throttling.tokens import token_hash, token_new

pytestmark = pytest.mark.django_db


def test_save_and_come_back_later_shows_the_resume_link(client, open_wave):
    begin(client, open_wave)
    response = client.post(
        step_url(open_wave, "consent"), {"consent": "on", "action": "save"}
    )
    assert response["Location"] == reverse("survey:save", args=[open_wave.slug])
    text = client.get(response["Location"]).content.decode()
    token = token_of(client, open_wave)
    assert reverse("survey:resume", args=[token]) in text
    assert draft_of(client, open_wave).answers == {"consent": "yes"}


def test_resume_link_reopens_the_draft_in_another_browser(client, open_wave):
    begin(client, open_wave)
    client.post(step_url(open_wave, "consent"), {"consent": "on"})
    client.post(step_url(open_wave, "about_you"), {"sector": "nhs"})
    token = token_of(client, open_wave)
    other = Client()
    response = other.get(reverse("survey:resume", args=[token]))
    assert response["Location"] == step_url(open_wave, "about_you-2")
    other.post(step_url(open_wave, "about_you-2"), {"nhs_icb": "north_central"})
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
    begin(client, open_wave)
    response = client.post(
        reverse("survey:save", args=[open_wave.slug]), {"email": "me@example.org"}
    )
    assert "We have sent your link to me@example.org" in response.content.decode()
    assert len(mail.outbox) == 1
    assert token_of(client, open_wave) in mail.outbox[0].body
    assert mail.outbox[0].to == ["me@example.org"]
    draft = draft_of(client, open_wave)
    assert "me@example.org" not in str(draft.answers)
    assert not ContactDetails.objects.exists()


def test_email_me_my_link_is_limited_per_browser(client, open_wave, settings):
    settings.SURVEY_EMAILS_PER_SESSION_PER_HOUR = 2
    begin(client, open_wave)
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
        begin(browser, open_wave)
        codes.append(browser.post(url, {"email": "me@example.org"}).status_code)
    assert codes == [HTTPStatus.OK, HTTPStatus.OK, HTTPStatus.TOO_MANY_REQUESTS]
    assert len(mail.outbox) == 2
    # Another address is unaffected.
    elsewhere = Client(REMOTE_ADDR="10.0.0.9")
    begin(elsewhere, open_wave)
    assert elsewhere.post(url, {"email": "me@example.org"}).status_code == HTTPStatus.OK
    assert not RateLimitBucket.objects.filter(key__contains="127.0.0.1").exists()


def test_email_me_my_link_has_the_honeypot_and_refuses_it_filled(client, open_wave):
    begin(client, open_wave)
    url = reverse("survey:save", args=[open_wave.slug])
    text = client.get(url).content.decode()
    assert text.count('name="website"') == 1
    assert 'class="til-honeypot" aria-hidden="true"' in text
    assert 'tabindex="-1"' in text
    response = client.post(url, {"email": "me@example.org", "website": "spam"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert len(mail.outbox) == 0


def test_withdraw_with_reference_and_link_deletes_response_and_contact(
    client, open_wave
):
    complete(client, open_wave, contact="yes", name="Sam", email="sam@example.org")
    client.post(reverse("survey:submit", args=[open_wave.slug]))
    submitted = Response.objects.submitted().get()
    assert ContactDetails.objects.filter(response=submitted).exists()
    url = reverse("survey:withdraw", args=[token_of(client, open_wave)])
    response = client.post(url, {"reference": "TIL-2222-2222", "confirm": "on"})
    assert "does not match" in response.content.decode()
    assert error_summary_targets(response.content.decode()) == ["id_reference"]
    response = client.post(url, {"reference": submitted.reference, "confirm": "on"})
    assert response["Location"] == reverse("survey:withdrawn")
    assert not Response.objects.exists()
    assert not ContactDetails.objects.exists()


def test_withdraw_link_of_a_draft_is_not_found(client, open_wave):
    begin(client, open_wave)
    response = client.get(
        reverse("survey:withdraw", args=[token_of(client, open_wave)])
    )
    assert response.status_code == HTTPStatus.NOT_FOUND
