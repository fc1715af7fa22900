"""Every page that states a programme fact cites it, and its source gives it.

Walks the home page, /roadmap/ and every published case study with today's
content loaded, and fails on a sourced case study or phase with no source, a
reference mark that points at no listed source, a number no source gives, or a
date whose source is not cited on the page or whose quote does not give it.
Where ../shared/sources is beside the clone (or TIL_SOURCES_DIR names it), the
quote must also be in that source's text.
"""

import calendar
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from casestudies.models import CaseStudy
from roadmap.models import Phase
from sources.demo import sources_read
from sources.models import Source
from sources.texts import date_quoted, quote_found, source_texts

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
    "15": "the survey takes about 15 minutes (the briefing)",
    "2": "2 December 2025, the blog post (Dartington blog)",
    "10": "the survey open until 10 January 2025 (the briefing)",
    "2014": "SAMHSA's concept and guidance",
    "2022": "OHID working definition; EIF review",
    "2024": "interim findings, late 2024 (VRU page); Home Office document, 2024",
    "2025": "milestones planned for 2025; the blog post, December 2025",
    "30": "the Home Office document, published 30 January 2024",
    "72": "senior practitioners interviewed for the policing briefing (its own text)",
    "2019": "Bunting et al. 2019 (EIF, as the Home Office document gives it)",
}
# Each date these pages may state: the source that gives it, which the page must
# cite, and the words of that source that give it.
SOURCED_DATES = {
    "10 January 2025": (
        "vru-trauma-informed-practice-briefing",
        "The survey will take approximately 15 minutes to complete and will be "
        "open until 10 January 2025.",
    ),
    "July 2025": (
        "vru-trauma-informed-practice-briefing",
        "Violence Reduction Unit is expecting to deliver a final report and "
        "roadmap in July 2025",
    ),
    "August 2025": (
        "vru-trauma-informed-practice-briefing",
        "with a celebration event planned towards the end of August 2025",
    ),
    "2 December 2025": ("dartington-blog-2025-12-02", "2nd December 2025"),
    "30 January 2024": (
        "home-office-learning-from-experience",
        "Published 30 January 2024",
    ),
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


def _dates(text: str) -> set[str]:
    return {" ".join(d.split()) for d in DATE.findall(text)}


def date_problems(dates: set[str], cited_titles: set[str], texts: dict) -> list[str]:
    """Dates with no source, no citation of it on the page, or no words giving it."""
    problems = []
    for date in sorted(dates):
        if date not in SOURCED_DATES:
            problems.append(f"{date}: no source gives it")
            continue
        code, quote = SOURCED_DATES[date]
        if Source.objects.get(code=code).title not in cited_titles:
            problems.append(f"{date}: the page does not cite {code}")
        if not date_quoted(date, quote):
            problems.append(f"{date}: the quote does not give it")
        if code in texts and not quote_found(quote, texts[code]):
            problems.append(f"{date}: the quote is not in {code}'s text")
    return problems


def _cited_titles(html: str) -> set[str]:
    listed = re.findall(r'<li id="source-\d+">(.*?)</li>', html, flags=re.S)
    return {
        source.title
        for source in Source.objects.all()
        if any(escape(source.title) in item for item in listed)
    }


@pytest.mark.usefixtures("site")
@pytest.mark.parametrize(
    "url_name",
    ["pages:home", "roadmap:index", "pages:resources", "pages:commissioning_training"],
)
def test_no_page_states_a_number_or_date_its_cited_sources_do_not_give(
    client, url_name
):
    html = client.get(reverse(url_name)).content.decode()
    text = _visible_text(html)
    assert set(NUMBER.findall(text)) - set(SOURCED_NUMBERS) == set()
    texts = source_texts(sources_read())
    cited = _cited_titles(html) if "source-" in html else set(SOURCED_DATES)
    assert date_problems(_dates(text), cited, texts) == []


@pytest.mark.usefixtures("site")
def test_a_date_whose_source_the_page_does_not_cite_is_caught():
    # As the roadmap had it: the briefing's dates cited to the VRU's own page.
    vru_page = Source.objects.get(code="vru-trauma-informed-research").title
    assert date_problems({"July 2025"}, {vru_page}, {}) == [
        "July 2025: the page does not cite vru-trauma-informed-practice-briefing"
    ]


def test_an_invented_date_range_is_caught():
    text = _visible_text('<main id="main-content">Done: March 2024 to July 2024</main>')
    assert date_problems(_dates(text), set(), {}) == [
        "July 2024: no source gives it",
        "March 2024: no source gives it",
    ]


@pytest.mark.usefixtures("site")
@pytest.mark.parametrize(
    ("url_name", "code"),
    [
        ("pages:commissioning_training", "home-office-learning-from-experience"),
        ("pages:home", "home-office-learning-from-experience"),
    ],
)
def test_every_quotation_on_the_page_is_in_the_text_it_cites(client, url_name, code):
    texts = source_texts(sources_read())
    if code not in texts:
        pytest.skip("the primary texts are not beside the clone (../shared/sources)")
    text = _visible_text(client.get(reverse(url_name)).content.decode())
    # What is left of the <main> tag's attributes is not page text.
    text = text.split(">", 1)[1]
    quotations = re.findall(r'"([^"]{12,})"', " ".join(text.split()))
    assert quotations
    assert [q for q in quotations if not quote_found(q, texts[code])] == []
