"""The route map, its station pages and "You are here", through the views."""

import re
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casestudies.tests.factories import CaseStudyFactory
from roadmap.journey import COMPARISON_MINIMUM
from roadmap.models import DomainDescription, Statement
from roadmap.tests.factories import (
    ActionFactory,
    DomainDescriptionFactory,
    SelfAssessmentFactory,
    StatementFactory,
)
from vocabulary.choices import Domain

pytestmark = pytest.mark.django_db

GOV = Domain.GOVERNANCE_LEADERSHIP
INFORMED = reverse("roadmap:station", args=["governance-leadership", "trauma-informed"])


def _html(response):
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def _across(html):
    """The map drawn across: the one wide screens and print show."""
    return html.split("til-map__view--across", 1)[1].split("til-map__view--down")[0]


def _station_labels(html):
    return re.findall(
        r'<a class="til-map__station[^"]*" href="[^"]*" aria-label="([^"]*)"',
        _across(html),
    )


def test_an_eighth_area_in_the_database_draws_an_eighth_line(client, content):
    html = _html(client.get(reverse("roadmap:journey")))
    assert _across(html).count('<g class="til-map__line ') == 7
    DomainDescriptionFactory(
        domain="community_voice", number=8, title="Community voice"
    )
    html = _html(client.get(reverse("roadmap:journey")))
    assert _across(html).count('<g class="til-map__line ') == 8
    labels = _station_labels(html)
    assert len(labels) == 24
    assert labels[-1] == "Community voice: trauma-responsive"
    # Its stations have pages too, saying nothing has been written yet.
    url = reverse("roadmap:station", args=["community-voice", "trauma-aware"])
    assert "has not been described for this area yet" in _html(client.get(url))


def test_map_has_a_title_a_description_and_the_links_again_as_text(client, content):
    html = _html(client.get(reverse("roadmap:journey")))
    across = _across(html)
    assert (
        '<title id="journey-map-across-title">The journey as a route map</title>'
        in across
    )
    assert 'aria-describedby="journey-map-across-desc"' in across
    # Both drawings carry the 21 links; CSS displays one of them.
    assert html.count('<a class="til-map__station"') == 42
    station_list = html.split('class="govuk-list til-station-list"', 1)[1]
    assert station_list.count(f'href="{INFORMED}"') == 1
    assert (
        '<span class="govuk-visually-hidden">Governance and leadership: </span>'
        "trauma-informed</a>" in station_list
    )
    # The preview card's text travels in a data- attribute, never a script.
    assert 'data-preview="A named leader owns the work' in across


def test_station_page_holds_everything_for_one_stage_of_one_area(client, content):
    CaseStudyFactory(title="Board owns it", domains=[GOV], rs=["respond"])
    html = _html(client.get(INFORMED))
    assert "<h1" in html and "Trauma-informed</h1>" in html
    assert "A named leader owns the work" in html
    assert "Report progress to your board at least once a year" in html
    assert "Board owns it" in html
    for statement in Statement.objects.filter(domain=GOV, stage="informed"):
        assert statement.text in html
    other = Statement.objects.filter(domain=GOV, stage="aware").first()
    assert other.text not in html
    assert (
        'href="/roadmap/journey/governance-leadership/trauma-aware/" rel="prev"' in html
    )
    assert (
        'href="/roadmap/journey/governance-leadership/trauma-responsive/" rel="next"'
        in html
    )
    # The small map marks this station and has no links of its own.
    assert "til-map__station til-map__station--this" in html
    assert 'role="img" aria-labelledby="station-map-across-title"' in html
    assert '<a class="til-map__station' not in html


def test_station_pages_at_the_ends_of_a_line_link_one_way(client, content):
    aware = reverse("roadmap:station", args=["governance-leadership", "trauma-aware"])
    html = _html(client.get(aware))
    assert 'rel="prev"' not in html and 'rel="next"' in html
    responsive = reverse(
        "roadmap:station", args=["governance-leadership", "trauma-responsive"]
    )
    html = _html(client.get(responsive))
    assert 'rel="prev"' in html and 'rel="next"' not in html
    assert "Actions that sustain and deepen practice" in html


@pytest.mark.parametrize(
    "path",
    [
        "/roadmap/journey/no-such-area/trauma-aware/",
        "/roadmap/journey/governance-leadership/trauma-enlightened/",
        "/roadmap/journey/governance_leadership/trauma-aware/",
        "/roadmap/journey/governance-leadership/starting-out/",
    ],
)
def test_unknown_areas_and_stages_get_the_styled_not_found_page(client, content, path):
    response = client.get(path)
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Page not found" in response.content.decode()


def test_a_stage_code_in_the_address_redirects_to_the_station(client, content):
    response = client.get("/roadmap/journey/governance-leadership/informed/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == INFORMED


@pytest.mark.parametrize("sector", ["education", "<script>", "nhs\x00"])
def test_station_with_an_unknown_sector_shows_every_sector_and_says_why(
    client, content, sector
):
    html = _html(client.get(INFORMED, {"sector": sector}))
    assert "<title>Error: " in html
    assert '<a href="#id_sector">Select a sector from the list</a>' in html
    assert "Build trauma-informed leadership into development" in html
    assert "Ask your Integrated Care Board to adopt" in html


def test_sector_lens_counts_that_sectors_case_studies_at_each_station(client, content):
    CaseStudyFactory(title="NHS one", domains=[GOV], sectors=["nhs"], rs=["respond"])
    CaseStudyFactory(title="NHS two", domains=[GOV], sectors=["nhs"], rs=["respond"])
    CaseStudyFactory(
        title="Police", domains=[GOV], sectors=["policing"], rs=["respond"]
    )
    labels = _station_labels(
        _html(client.get(reverse("roadmap:journey"), {"sector": "nhs"}))
    )
    assert "Governance and leadership: trauma-informed (2 case studies)" in labels
    assert "Policy and procedure: trauma-informed (0 case studies)" in labels
    labels = _station_labels(
        _html(client.get(reverse("roadmap:journey"), {"sector": "met_police"}))
    )
    assert "Governance and leadership: trauma-informed (1 case study)" in labels
    # Station links keep the sector.
    assert f'href="{INFORMED}?sector=nhs"' in _html(
        client.get(reverse("roadmap:journey"), {"sector": "nhs"})
    )


def test_sector_lens_shows_results_only_from_ten_in_that_sector(client, content):
    profile = dict.fromkeys(Domain.values, "starting_out") | {GOV: "informed"}
    SelfAssessmentFactory.create_batch(
        COMPARISON_MINIMUM - 1, sector="nhs", profile=profile
    )
    html = _html(client.get(reverse("roadmap:journey"), {"sector": "nhs"}))
    assert " results)" not in _across(html)
    assert f"Once at least {COMPARISON_MINIMUM} self-assessment results" in html
    SelfAssessmentFactory(sector="nhs", profile=profile)
    labels = _station_labels(
        _html(client.get(reverse("roadmap:journey"), {"sector": "nhs"}))
    )
    assert (
        "Governance and leadership: trauma-informed (0 case studies, 10 results)"
        in labels
    )
    assert (
        "Governance and leadership: trauma-aware (0 case studies, 0 results)" in labels
    )
    assert "Policy and procedure: trauma-aware (0 case studies, 0 results)" in labels
    # Other sectors' results are not counted.
    html = _html(client.get(reverse("roadmap:journey"), {"sector": "vcs"}))
    assert " results)" not in _across(html)


def _take(client, **answers):
    response = client.post(reverse("roadmap:self_assessment_questions"), answers)
    assert response.status_code == HTTPStatus.FOUND
    return response["Location"]


def test_result_marks_you_are_here_and_the_next_station_on_each_line(client, content):
    answers = {s.code: "fully" for s in Statement.objects.filter(domain=GOV)}
    answers["gov_4"] = "starting"
    location = _take(client, sector="nhs", **answers)
    html = _html(client.get(location))
    labels = _station_labels(html)
    assert "Governance and leadership: trauma-informed (You are here)" in labels
    assert "Governance and leadership: trauma-responsive (Your next station)" in labels
    assert "Policy and procedure: trauma-aware (Your next station)" in labels
    # Starting out is marked at the start of the line.
    assert 'aria-label="Policy and procedure: starting out (You are here)"' in html
    assert ">You are here</text>" in html
    # The next station's actions are one click away, keeping the sector.
    next_url = reverse(
        "roadmap:station", args=["governance-leadership", "trauma-responsive"]
    )
    assert f'href="{next_url}?sector=nhs"' in html
    # The results link keeps showing it.
    assert _station_labels(_html(client.get(location))) == labels
    assert "style=" not in html and "<script>" not in html


def test_station_page_runs_a_fixed_number_of_queries(
    client, content, django_assert_max_num_queries
):
    def count():
        with CaptureQueriesContext(connection) as context:
            _html(client.get(INFORMED, {"sector": "nhs"}))
        return len(context.captured_queries)

    small = count()
    for n in range(20):
        CaseStudyFactory(domains=[GOV], rs=["respond"], slug=f"more-{n}")
    cell_action = ActionFactory._meta.model.objects.filter(
        domain_stage__domain=GOV, domain_stage__stage="informed"
    ).first()
    ActionFactory.create_batch(5, domain_stage=cell_action.domain_stage)
    StatementFactory.create_batch(5, domain=GOV, stage="informed")
    assert count() == small
    with django_assert_max_num_queries(6):
        client.get(INFORMED, {"sector": "nhs"})
    # The map also reads the newest published survey figures: one query.
    with django_assert_max_num_queries(7):
        client.get(reverse("roadmap:journey"), {"sector": "nhs"})


@pytest.mark.parametrize("path", [INFORMED, "/roadmap/journey/?sector=nhs"])
def test_map_pages_contain_no_inline_script_or_style(client, content, path):
    html = _html(client.get(path))
    assert "<script>" not in html
    assert "style=" not in html
    assert "<style" not in html


def test_old_area_anchors_on_the_journey_page_still_land_on_each_area(client, content):
    # The long journey page had an anchor per area (#<area slug>).
    html = _html(client.get(reverse("roadmap:journey")))
    for area in DomainDescription.objects.all():
        assert html.count(f'id="{area.slug}"') == 1, area.slug
