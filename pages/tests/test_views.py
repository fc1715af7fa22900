"""Tests for the site shell's pages."""

import re
from http import HTTPStatus
from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse, set_script_prefix

from sources.demo import sources_load

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "pages:home",
    "pages:accessibility",
    "pages:privacy",
    "pages:cookies",
    "pages:contact",
]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_has_skip_link_navigation_and_footer(client, name):
    response = client.get(reverse(name))
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert 'href="#main-content"' in html
    assert 'id="main-content"' in html
    for href in ("/survey/", "/case-studies/", "/roadmap/"):
        assert f'href="{href}"' in html
    for name in ("accessibility", "privacy", "cookies", "contact"):
        assert reverse(f"pages:{name}") in html


def test_navigation_marks_only_the_current_section(client):
    html = client.get("/case-studies/").content.decode()
    assert html.count('aria-current="true"') == 1
    assert re.search(r'href="/case-studies/" aria-current="true">\s*<strong', html)
    assert 'aria-current="true"' not in client.get("/").content.decode()


def test_shell_links_follow_the_script_prefix_in_use(client):
    client.get("/privacy/")
    set_script_prefix("/til/")
    try:
        prefixed = client.get("/privacy/").content.decode()
    finally:
        set_script_prefix("/")
    for href in ("/til/", "/til/accessibility/", "/til/survey/", "/til/roadmap/"):
        assert f'href="{href}"' in prefixed
    plain = client.get("/privacy/").content.decode()
    assert 'href="/accessibility/"' in plain and "/til/" not in plain


def test_an_edit_to_the_shell_shows_on_the_next_page(client, settings):
    client.get("/privacy/")
    engine = settings.TEMPLATES[0]
    edited = {"includes/phase_banner.html": "<p>An edited phase banner</p>"}
    settings.TEMPLATES = [
        {
            **engine,
            "APP_DIRS": False,
            "OPTIONS": {
                **engine["OPTIONS"],
                "loaders": [
                    ("django.template.loaders.locmem.Loader", edited),
                    "django.template.loaders.filesystem.Loader",
                    "django.template.loaders.app_directories.Loader",
                ],
            },
        },
        *settings.TEMPLATES[1:],
    ]
    assert "An edited phase banner" in client.get("/privacy/").content.decode()


def test_the_shell_follows_the_static_files_setting(client, settings):
    client.get("/privacy/")
    settings.STATIC_URL = "/assets/"
    html = client.get("/privacy/").content.decode()
    assert 'href="/assets/dist/site.css"' in html
    assert 'data-govuk-frontend="/assets/dist/govuk-frontend.min.js"' in html


def test_home_page_explains_the_four_phases_and_principles(client):
    html = client.get(reverse("pages:home")).content.decode()
    assert "The four phases of the programme" in html
    for phrase in ("Realise", "Recognise", "Resist (prevent) re-traumatisation"):
        assert phrase in html
    assert "Cultural consideration" in html


def test_site_is_branded_and_not_gov_uk(client):
    html = client.get(reverse("pages:home")).content.decode()
    assert "Trauma-Informed London" in html
    assert "govuk-header__logotype" not in html
    assert "GOV.UK" not in html


def test_pages_contain_no_inline_script_or_style(client):
    html = client.get(reverse("pages:home")).content.decode()
    assert "<script>" not in html
    assert "style=" not in html
    assert "<style" not in html


def test_unknown_address_gets_styled_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Page not found" in response.content.decode()


def test_csrf_failure_gets_styled_page(client):
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = csrf_client.post(reverse("pages:home"), {"x": "1"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "your form could not be sent" in response.content.decode()


@pytest.mark.parametrize(
    ("handler", "status", "phrase"),
    [
        ("bad_request", HTTPStatus.BAD_REQUEST, "problem with your request"),
        ("permission_denied", HTTPStatus.FORBIDDEN, "do not have permission"),
        ("server_error", HTTPStatus.INTERNAL_SERVER_ERROR, "problem with the service"),
    ],
)
def test_error_handlers_render_styled_pages(rf, handler, status, phrase):
    from pages import views

    request = rf.get("/")
    view = getattr(views, handler)
    response = view(request) if handler == "server_error" else view(request, None)
    assert response.status_code == status
    assert phrase in response.content.decode()


def test_healthz_answers_ok_when_database_answers(client):
    response = client.get(reverse("pages:healthz"))
    assert response.status_code == HTTPStatus.OK
    assert response.content == b"ok"


def test_healthz_answers_503_when_database_does_not(client):
    with mock.patch(
        "pages.views.connection.cursor", side_effect=OperationalError("down")
    ):
        response = client.get(reverse("pages:healthz"))
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE


def test_privacy_notice_says_the_resume_link_email_address_is_not_stored(client):
    # survey.services.resume_link_email uses the address once and keeps it
    # nowhere; the save page and the email itself say so too.
    html = client.get(reverse("pages:privacy")).content.decode()
    assert "if you ask for your resume link by email" in html
    assert "this website does not store it" in html
    assert "to send you your resume link" not in html


def test_resources_page_lists_each_resource_with_what_it_is_good_for(client):
    sources_load()
    html = client.get(reverse("pages:resources")).content.decode()
    for title in (
        "SAMHSA&#x27;s Concept of Trauma",
        "Working definition of trauma-informed practice for the health and care",
        "Trauma-informed care: Understanding the use of trauma-informed approaches",
        "Youth Endowment Fund Toolkit",
        "Trauma-Informed Wales",
        "Scotland&#x27;s National Trauma Training Framework",
        "The ARTIC Scale",
    ):
        assert title in html
    assert "Good for" in html
    assert "Not given in our sources" in html
    assert "ACE Hub Wales" in html and "Traumatic Stress Institute" in html
    assert "licensed" in html and "not free" in html
    assert "Research and analysis" in html


def test_commissioning_page_covers_the_guidance_and_cites_it(client):
    sources_load()
    html = client.get(reverse("pages:commissioning_training")).content.decode()
    for words in (
        "lived experience",
        "half a day to three days",
        "it is unlikely that short courses (for example, a few hours or half a day)",
        "Train-the-trainer",
        "Online or in person",
        "will come with their own traumatic experiences",
        "at least six months after training",
        "not a replacement for specialist mental health services",
        "not formal guidance",
    ):
        assert words in html
    assert 'href="#source-1"' in html
    assert 'id="source-1"' in html


@pytest.mark.parametrize("url_name", ["pages:home", "roadmap:index"])
def test_home_and_roadmap_link_to_resources_and_training_guidance(client, url_name):
    html = client.get(reverse(url_name)).content.decode()
    assert f'href="{reverse("pages:resources")}"' in html
    assert f'href="{reverse("pages:commissioning_training")}"' in html
