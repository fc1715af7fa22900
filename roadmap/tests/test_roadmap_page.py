"""/roadmap/: the phases, where the sources report each stands, and milestones."""

from http import HTTPStatus

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _html(response):
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_roadmap_shows_no_invented_phase_dates_and_cites_milestones(client, content):
    html = _html(client.get(reverse("roadmap:index")))
    assert "March 2024" not in html
    assert "No source gives start or end dates for the phases" in html
    assert "Planned" in html
    assert "Reported" in html
    assert 'href="#source-1"' in html
    assert "The London Violence Reduction Unit (VRU) Trauma-Informed Practice" in html


def test_roadmap_shows_each_phase_status_as_its_source_reports_it(client, content):
    html = _html(client.get(reverse("roadmap:index")))
    assert "Reported as done" in html
    assert "Reported under way" in html
    assert "Status not published" in html
    assert "Outputs reported" in html
    assert "on the cusp of phase 2" in html
    assert "til-phase--planned" not in html


def test_roadmap_shows_aims_outputs_milestones_and_links(client, content):
    html = _html(client.get(reverse("roadmap:index")))
    assert "A roadmap to a trauma-responsive London" in html
    assert "Establish a definition of being trauma-informed for London" in html
    assert "An evidence review" in html
    assert "10 January 2025" in html
    assert "The survey to be open until this day" in html
    assert "By 2 December 2025" in html
    for href in ("/survey/", "/case-studies/", "/roadmap/journey/"):
        assert f'href="{href}"' in html
    assert 'href="/roadmap/self-assessment/"' in html
    assert 'href="https://www.london.gov.uk/' in html
    assert "The VRU&#x27;s page on its trauma-informed research</a>" in html


def test_roadmap_with_no_phases_says_so(client):
    assert "have not been published yet" in _html(client.get(reverse("roadmap:index")))
