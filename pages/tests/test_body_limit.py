"""Oversized request bodies are refused with a styled 413 before a form reads them."""

from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import encode_multipart

pytestmark = pytest.mark.django_db

BOUNDARY = "BoUnDaRy"


def multipart_post(client: Client, path: str, size: int):
    body = encode_multipart(
        BOUNDARY,
        {
            "username": "someone",
            "password": "x",
            "upload": SimpleUploadedFile("big.bin", b"\0" * size),
        },
    )
    return client.post(
        path, body, content_type=f"multipart/form-data; boundary={BOUNDARY}"
    )


@pytest.mark.parametrize("path", ["/admin/login/", "/survey/", "/contact/"])
def test_a_large_anonymous_multipart_post_is_refused_unread(path):
    response = multipart_post(Client(), path, 3 * 1024 * 1024)
    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    html = response.content.decode()
    assert "Sorry, what you sent is too large" in html
    assert 'class="govuk-header' in html


def test_a_small_anonymous_post_goes_through(client):
    response = multipart_post(client, "/admin/login/", 1024)
    assert response.status_code == HTTPStatus.OK
