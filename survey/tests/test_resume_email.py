"""Emailing the resume link while the mail server is down: a message, never a 500."""

import logging
import socket
from http import HTTPStatus

import pytest
from django.urls import reverse

from survey.tests.factories import browser_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp_down(settings):
    """The real SMTP backend, pointed at a local port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5


def test_email_me_my_link_with_the_mail_server_down_says_so_next_to_the_field(
    client, open_wave, smtp_down, caplog
):
    begun = client.post(reverse("survey:begin", args=[open_wave.slug]), {})
    assert begun.status_code == HTTPStatus.FOUND
    url = reverse("survey:save", args=[open_wave.slug])
    with caplog.at_level(logging.WARNING, logger="survey.services"):
        response = client.post(url, {"email": "me@example.org"})
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "We have sent your link" not in html
    message = "We could not send the email just now. Copy your link above"
    assert 'class="govuk-error-summary"' in html
    assert 'href="#id_email"' in html
    assert html.count(message) == 2  # the summary and next to the field
    token = browser_token(client, open_wave)
    assert reverse("survey:resume", args=[token]) in html
    assert "<title>Error: " in html
    (record,) = caplog.records
    assert record.getMessage() == "Resume link email not sent: ConnectionRefusedError"
    assert record.exc_info is None
    assert "me@example.org" not in caplog.text
