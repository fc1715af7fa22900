"""Every page that states a programme fact cites it.

Walks the home page, /roadmap/ and every published case study with today's
content loaded, and fails on a sourced case study or phase with no source, or
a reference mark that points at no listed source.
"""

import calendar
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


# Each number these pages may state, and where it comes from. A number not listed
# here is one no source gives: find its source and add it, or take it out.
SOURCED_NUMBERS = {
    "4": "the 4 Rs (SAMHSA; Home Office)",
    "15": "the survey takes about 15 minutes (VRU)",
    "16": "16 champions (Dartington's project page)",
    "33": "London's 33 local authorities (VRU)",
    "2": "2 December 2025, the launch (Dartington blog)",
    "10": "the survey closes 10 January 2025 (VRU)",
    "2014": "SAMHSA's concept and guidance",
    "2022": "OHID working definition; EIF review",
    "2024": "interim findings, late 2024; Home Office document, 2024",
    "2025": "milestones planned for 2025; the launch, December 2025",
    "30": "the Home Office document, published 30 January 2024",
    "2021": "Home Office document: VRU delivery 2021 to 2023",
    "2023": "Home Office document: VRU delivery 2021 to 2023",
    "2019": "Bunting et al. 2019 (EIF)",
}
SOURCED_DATES = {
    "10 January 2025",  # the survey closes (VRU)
    "July 2025",  # final report and roadmap expected (VRU)
    "August 2025",  # celebration event planned, late August (VRU)
    "2 December 2025",  # the launch (Dartington blog)
    "30 January 2024",  # the Home Office document published
}
MONTHS = "|".join(calendar.month_name[1:])
DATE = re.compile(rf"(?:\b\d{{1,2}}\s+)?(?:{MONTHS})\s+\d{{4}}")
NUMBER = re.compile(r"(?<![\w.#-])\d+(?:\.\d+)?%?(?![\w-])")


def _visible_text(html: str) -> str:
    main = html.split('id="main-content"', 1)[1].split("</main>", 1)[0]
    main = re.sub(r"<(script|style)\b.*?</\1>", " ", main, flags=re.S)
    # Reference marks, phase numbers and today's date are not claims.
    main = re.sub(r'<sup class="til-ref">.*?</sup>', " ", main, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", main)
    text = re.sub(r"Today is \d+ \w+ \d{4}\.", " ", text)
    return re.sub(r"(Phase\s+\d\b|(?<![\w.])\d\.\s)", " ", text)


@pytest.mark.usefixtures("site")
@pytest.mark.parametrize(
    "url_name",
    ["pages:home", "roadmap:index", "pages:resources", "pages:commissioning_training"],
)
def test_no_page_states_a_number_no_source_gives(client, url_name):
    text = _visible_text(client.get(reverse(url_name)).content.decode())
    assert set(NUMBER.findall(text)) - set(SOURCED_NUMBERS) == set()
    dates = {" ".join(d.split()) for d in DATE.findall(text)}
    assert dates - SOURCED_DATES == set()


def test_an_invented_date_range_is_caught():
    text = _visible_text('<main id="main-content">Done: March 2024 to July 2024</main>')
    assert {" ".join(d.split()) for d in DATE.findall(text)} - SOURCED_DATES == {
        "March 2024",
        "July 2024",
    }
