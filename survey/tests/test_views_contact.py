"""The survey over HTTP: the contact opt-in, and pages left open past the close."""

import datetime as dt
import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from survey.models import ContactDetails, Response
from survey.tests.factories import LONDON
from survey.tests.journey import (
    begin,
    close,
    complete,
    draft_of,
    error_summary_targets,
    step_url,
)

pytestmark = pytest.mark.django_db


def test_contact_details_are_stored_apart_from_the_answers(client, open_wave):
    complete(client, open_wave)
    client.post(
        reverse("survey:contact", args=[open_wave.slug]) + "?change=1",
        {"contact": "yes", "name": "Sam Smith", "email": "sam@example.org"},
    )
    draft = draft_of(client, open_wave)
    assert draft.contact_details.email == "sam@example.org"
    assert "sam@example.org" not in str(draft.answers)
    client.post(
        reverse("survey:contact", args=[open_wave.slug]) + "?change=1",
        {"contact": "no"},
    )
    assert not ContactDetails.objects.exists()


def test_contact_errors_link_to_their_fields_and_keep_what_was_typed(client, open_wave):
    complete(client, open_wave)
    url = reverse("survey:contact", args=[open_wave.slug])
    response = client.post(url, {})
    assert error_summary_targets(response.content.decode()) == ["id_contact_1"]
    response = client.post(
        url, {"contact": "yes", "name": "Sam <Smith>", "email": "not-an-address"}
    )
    html = response.content.decode()
    assert error_summary_targets(html) == ["id_email"]
    assert 'value="Sam &lt;Smith&gt;"' in html
    assert 'value="not-an-address"' in html
    assert 'autocomplete="email"' in html


def test_contact_errors_sit_next_to_their_fields_and_the_change_button_says_so(
    client, open_wave
):
    complete(client, open_wave)
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


def test_post_after_the_close_is_refused_and_what_was_typed_is_kept(client, open_wave):
    begin(client, open_wave)
    client.post(step_url(open_wave, "consent"), {"consent": "on"})
    open_wave.opens_at = dt.datetime(2024, 11, 1, tzinfo=LONDON)
    open_wave.closes_at = dt.datetime(2025, 1, 11, tzinfo=LONDON)
    open_wave.save()
    response = client.post(
        step_url(open_wave, "meaning"), {"meaning_own_words": "Typed after <close>"}
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


def test_submit_after_the_close_is_refused(client, open_wave):
    complete(client, open_wave)
    close(open_wave)
    response = client.post(reverse("survey:submit", args=[open_wave.slug]))
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Response.objects.submitted().exists()
    assert Response.objects.drafts().count() == 1


def test_submit_after_the_close_says_the_answers_were_kept_and_until_when(
    client, open_wave
):
    complete(client, open_wave)
    close(open_wave)
    response = client.post(reverse("survey:submit", args=[open_wave.slug]))
    text = response.content.decode()
    assert "has not been submitted and will not be counted" in text
    assert "we kept them with your unfinished response until 31 January 2026" in text
    assert "contact details" not in text
    assert Response.objects.drafts().get().answers["sector"] == "nhs"


def test_contact_details_sent_after_the_close_are_not_kept_and_the_page_says_so(
    client, open_wave
):
    complete(client, open_wave, has_example="yes")
    close(open_wave)
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
