"""A mail server that accepts and never answers: the styled message, in time."""

import socket
import subprocess
import sys
import time
from http import HTTPStatus

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp_hung(settings):
    """The real SMTP backend, pointed at a socket that accepts and says nothing."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        # The kernel completes the handshake from the backlog; nothing replies.
        listener.listen(8)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = listener.getsockname()[1]
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_USE_SSL = False
        yield settings


def _email_timeout(**environ) -> str:
    """EMAIL_TIMEOUT as production settings read it from this environment."""
    code = "from django.conf import settings; print(settings.EMAIL_TIMEOUT)"
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=django_settings.BASE_DIR,
        env={
            "DJANGO_SETTINGS_MODULE": "tilondon.settings",
            "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
            **environ,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_email_timeout_defaults_to_ten_seconds_and_is_read_from_the_environment():
    assert _email_timeout() == "10"
    assert _email_timeout(EMAIL_TIMEOUT="3") == "3"


def test_email_me_my_link_with_a_hung_mail_server_says_so_within_the_timeout(
    client, open_wave, smtp_hung
):
    smtp_hung.EMAIL_TIMEOUT = 1
    client.post(reverse("survey:begin", args=[open_wave.slug]), {})
    started = time.monotonic()
    response = client.post(
        reverse("survey:save", args=[open_wave.slug]), {"email": "me@example.org"}
    )
    elapsed = time.monotonic() - started
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert elapsed < 5
    assert 'class="govuk-error-summary"' in html
    assert html.count("We could not send the email just now. Copy your link") == 2
