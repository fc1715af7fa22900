"""Every page that states a programme fact cites it.

Walks the home page, /roadmap/ and every published case study with today's
content loaded, and fails on a sourced case study or phase with no source, or
a reference mark that points at no listed source.
"""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from casestudies.models import CaseStudy
from roadmap.models import Phase

pytestmark = pytest.mark.django_db

MARK = re.compile(r'href="#source-(\d+)"')


@pytest.fixture
def site(db):
    """Today's sources, roadmap and case studies, loaded as a deployment loads them."""
    call_command("load_roadmap", "--update", stdout=None)
    call_command("load_case_studies", "--update", stdout=None)


def _cited(html: str) -> set[str]:
    marks = set(MARK.findall(html))
    listed = set(re.findall(r'<li id="source-(\d+)"', html))
    assert marks, "no reference marks"
    assert marks <= listed, f"marks with no listed source: {marks - listed}"
    return listed


@pytest.mark.usefixtures("site")
def test_home_page_cites_its_programme_facts(client):
    html = client.get(reverse("pages:home")).content.decode()
    _cited(html)
    assert "Trauma-Informed London Project" in html
    assert "actively prevent" in html


@pytest.mark.usefixtures("site")
def test_every_phase_and_milestone_on_the_roadmap_cites_a_source(client):
    html = client.get(reverse("roadmap:index")).content.decode()
    _cited(html)
    phases = html.split('<li class="til-phase ')[1:]
    assert len(phases) == Phase.objects.count() == 4
    for chunk in phases:
        assert MARK.search(chunk), chunk[:200]
    for phase in Phase.objects.prefetch_related("milestones", "sources"):
        assert phase.sources.exists(), phase.code
        assert all(m.source_id for m in phase.milestones.all()), phase.code


@pytest.mark.usefixtures("site")
def test_every_published_sourced_case_study_lists_its_sources(client):
    published = CaseStudy.objects.published()
    assert published.filter(is_illustrative=False).count() >= 9
    for case_study in published:
        html = client.get(case_study.get_absolute_url()).content.decode()
        if case_study.is_illustrative:
            assert "This is an illustrative example." in html
            continue
        assert _cited(html), case_study.slug
        assert case_study.untraced_numbers() == set(), case_study.slug
