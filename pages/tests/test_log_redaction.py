"""Secret-link tokens never reach a log line; each line carries its request id."""

import logging
from datetime import timedelta
from io import StringIO
from types import SimpleNamespace

import pytest
from django.test import Client
from gunicorn.config import Config

from pages.redaction import RedactingGunicornLogger, redact_secret_links

pytestmark = pytest.mark.django_db

TOKEN = "Zq3xTOKENs3cr3tvalue_-9"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"/survey/resume/{TOKEN}/", "/survey/resume/[redacted]/"),
        (
            f"GET /survey/resume/{TOKEN}/withdraw/?x=1 HTTP/1.1",
            "GET /survey/resume/[redacted]/withdraw/?x=1 HTTP/1.1",
        ),
        (
            f"https://site.example/roadmap/self-assessment/results/{TOKEN}/",
            "https://site.example/roadmap/self-assessment/results/[redacted]/",
        ),
        ("/survey/demo/questions/about-you/", "/survey/demo/questions/about-you/"),
    ],
)
def test_secret_links_are_redacted(text, expected):
    assert redact_secret_links(text) == expected


def test_djangos_not_found_line_for_a_resume_link_holds_no_token():
    stream = StringIO()
    handler = logging.getLogger().handlers[0]
    original = handler.stream
    handler.setStream(stream)
    try:
        response = Client().get(
            f"/survey/resume/{TOKEN}/", headers={"x-request-id": "req-42"}
        )
    finally:
        handler.setStream(original)
    assert response.status_code == 404
    assert response["X-Request-ID"] == "req-42"
    line = stream.getvalue()
    assert "[req-42] Not Found: /survey/resume/[redacted]/" in line
    assert TOKEN not in line


def test_a_request_id_that_is_not_plain_is_replaced():
    response = Client().get("/healthz", headers={"x-request-id": "a b\nforged"})
    assert response["X-Request-ID"] != "a b\nforged"
    assert len(response["X-Request-ID"]) == 32


def test_gunicorn_access_log_holds_no_token():
    config = Config()
    config.set("accesslog", "-")
    config.set(
        "access_log_format",
        '%(h)s %({x-request-id}i)s "%(r)s" %(U)s %(f)s %({raw_uri}e)s %(s)s',
    )
    logger = RedactingGunicornLogger(config)
    stream = StringIO()
    logger.access_log.handlers[0].setStream(stream)
    path = f"/roadmap/self-assessment/results/{TOKEN}/"
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": f"https://site.example/survey/resume/{TOKEN}/",
    }
    request = SimpleNamespace(headers=[("X-REQUEST-ID", "req-7")])
    response = SimpleNamespace(status="200 OK", headers=[], sent=10)
    logger.access(response, request, environ, timedelta(milliseconds=5))
    line = stream.getvalue()
    assert "req-7" in line
    assert "/roadmap/self-assessment/results/[redacted]/" in line
    assert TOKEN not in line
