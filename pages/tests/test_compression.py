"""Pages are sent gzipped to browsers that accept it (Lighthouse's text compression)."""

import gzip

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_page_is_gzipped_for_a_browser_that_accepts_gzip(client):
    response = client.get(reverse("pages:home"), headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"</html>" in gzip.decompress(response.content)


def test_a_page_is_plain_for_a_client_that_does_not_accept_gzip(client):
    response = client.get(reverse("pages:home"))
    assert not response.has_header("Content-Encoding")
    assert b"</html>" in response.content
