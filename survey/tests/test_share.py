"""The share page and poster: message, link, QR code, and the collector kept."""

import re
from html import unescape
from http import HTTPStatus

import pytest
from django.urls import reverse

from survey.sharing import qr_code
from survey.tests.factories import CollectorFactory, ResponseFactory, WaveFactory

pytestmark = pytest.mark.django_db


def _share(client, wave, **params):
    return client.get(reverse("survey:share", args=[wave.slug]), params)


def test_the_start_page_links_to_the_share_page(client, open_wave):
    page = client.get(reverse("survey:wave_start", args=[open_wave.slug]))
    assert reverse("survey:share", args=[open_wave.slug]) in page.content.decode()


def test_share_page_has_the_message_link_qr_code_and_poster(client, open_wave):
    response = _share(client, open_wave)
    assert response.status_code == HTTPStatus.OK
    text = response.content.decode()
    link = "http://testserver" + reverse("survey:wave_start", args=[open_wave.slug])
    message = unescape(
        re.search(r"<textarea[^>]*readonly[^>]*>(.*?)</textarea>", text, re.S).group(1)
    )
    assert f"Answer the survey: {link}" in message
    assert "about 15 minutes" in message
    assert f'value="{link}"' in text
    assert f"QR code linking to {link}</title>" in text
    assert reverse("survey:poster", args=[open_wave.slug]) in text
    # The copy button waits for JavaScript; the message is readable without it.
    assert 'data-copy-target="share-message"' in text


def test_share_page_keeps_a_valid_collectors_link_everywhere(client, open_wave):
    collector = CollectorFactory(wave=open_wave, name="Secret network name")
    text = _share(client, open_wave, via=collector.code).content.decode()
    link = "http://testserver" + collector.get_absolute_url()
    assert text.count(link) >= 3  # message, link field, QR code's text
    assert f"?via={collector.code}" in re.search(
        r'href="([^"]*poster[^"]*)"', text
    ).group(1)
    assert "Secret network name" not in text


def test_share_page_never_lists_collectors_or_counts(client, open_wave):
    collector = CollectorFactory(wave=open_wave, name="Hackney partnership")
    other = CollectorFactory(wave=open_wave)
    ResponseFactory(wave=open_wave, collector=collector)
    for params in ({}, {"via": collector.code}):
        text = _share(client, open_wave, **params).content.decode()
        assert other.code not in text
        assert "Hackney partnership" not in text


def test_the_start_page_and_poster_never_show_a_collectors_name_or_counts(
    client, open_wave
):
    collector = CollectorFactory(wave=open_wave, name="Hackney partnership")
    other = CollectorFactory(wave=open_wave, name="Camden network")
    ResponseFactory(wave=open_wave, collector=collector)
    pages = [
        reverse("survey:wave_start", args=[open_wave.slug]),
        reverse("survey:poster", args=[open_wave.slug]),
    ]
    for url in pages:
        for params in ({}, {"via": collector.code}):
            text = client.get(url, params).content.decode()
            assert "Hackney partnership" not in text
            assert "Camden network" not in text
            assert other.code not in text


@pytest.mark.parametrize("code", ["WRONGCODE9", "<script>", "x" * 3000])
def test_share_page_with_a_bad_code_shares_the_plain_link(client, open_wave, code):
    response = _share(client, open_wave, via=code)
    assert response.status_code == HTTPStatus.OK
    assert "via=" not in response.content.decode()


def test_another_waves_code_is_not_carried(client, open_wave):
    foreign = CollectorFactory(wave=WaveFactory())
    text = _share(client, open_wave, via=foreign.code).content.decode()
    assert foreign.code not in text


def test_share_page_of_a_closed_wave_says_it_has_closed(client, closed_wave):
    response = _share(client, closed_wave)
    assert "This survey has closed" in response.content.decode()
    assert "share-message" not in response.content.decode()


def test_share_page_runs_at_most_four_queries(
    client, open_wave, django_assert_max_num_queries
):
    collector = CollectorFactory(wave=open_wave)
    with django_assert_max_num_queries(4):
        assert (
            _share(client, open_wave, via=collector.code).status_code == HTTPStatus.OK
        )
    with django_assert_max_num_queries(4):
        poster = client.get(
            reverse("survey:poster", args=[open_wave.slug]), {"via": collector.code}
        )
    assert collector.code in poster.content.decode()


def test_poster_has_the_link_and_the_qr_code(client, open_wave):
    text = client.get(reverse("survey:poster", args=[open_wave.slug])).content.decode()
    link = "http://testserver" + reverse("survey:wave_start", args=[open_wave.slug])
    assert f"QR code linking to {link}" in text
    assert "til-poster" in text


def test_qr_code_draws_the_three_finder_squares():
    code = qr_code("https://example.org/survey/open-wave/?via=ABCDEFGHJK")
    # Version 3 or more with a 4-module quiet zone on each side.
    assert code.size >= 29 + 8
    # The top-left finder pattern's top edge: a run of 7 dark modules at (4, 4).
    assert "M4 4h7v1h-7z" in code.path
