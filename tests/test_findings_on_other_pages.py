"""Findings on other apps' pages: links to findings, the roadmap's baseline."""

import pytest

from findings.services import release_publish
from roadmap.models import Statement
from roadmap.services import self_assessment_create

pytestmark = pytest.mark.django_db


def test_home_roadmap_and_closed_wave_pages_link_to_findings(client, wave, content):
    for url in ["/", "/roadmap/", f"/survey/{wave.slug}/"]:
        assert 'href="/findings/"' in client.get(url).content.decode(), url
    # On the roadmap, the link sits in phase 2 (the survey) and nowhere else.
    phases = client.get("/roadmap/").content.decode().split("Phase ")
    linked = [p.split("<", 1)[0] for p in phases[1:] if 'href="/findings/"' in p]
    assert linked == ["2"]


def test_a_self_assessment_result_shows_the_baseline_for_its_sector(
    client, release, analyst, content, django_assert_max_num_queries
):
    release_publish(release=release, user=analyst)
    _, token = self_assessment_create(
        sector="nhs", answers={}, statements=list(Statement.objects.all())
    )
    # Issue 10's cap holds with the baseline: it is read with the result.
    with django_assert_max_num_queries(9):
        response = client.get(f"/roadmap/self-assessment/results/{token}/")
    page = response.content.decode()
    assert f"In the {release.wave.name} survey, " in page
    assert "NHS respondents" in page
    assert f'href="{release.get_absolute_url()}#self-assessment"' in page
