"""The roadmap's pages: phases, journey, sector view and self-assessment."""

import re
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casestudies.tests.factories import CaseStudyFactory
from roadmap.models import Action, SelfAssessment, Statement
from roadmap.tests.factories import (
    ActionFactory,
    MilestoneFactory,
    PhaseFactory,
    PhaseLinkFactory,
    SelfAssessmentFactory,
)
from vocabulary.choices import Domain, Sector

pytestmark = pytest.mark.django_db

GOV = Domain.GOVERNANCE_LEADERSHIP
MET_ONLY = "Build trauma-informed leadership into development and promotion"
NHS_ONLY = "Ask your Integrated Care Board to adopt trauma-informed practice"


def _html(response):
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def _take(client, **answers):
    response = client.post(reverse("roadmap:self_assessment_questions"), answers)
    assert response.status_code == HTTPStatus.FOUND
    return response["Location"]


# The journey and the sector view --------------------------------------------


def test_journey_is_a_map_of_every_domain_and_stage_with_practice_levels(
    client, content
):
    html = _html(client.get(reverse("roadmap:journey")))
    # Old links to an area's section of the journey still land on its line.
    for domain in Domain:
        assert f'id="{domain.value.replace("_", "-")}"' in html
    across = html.split("til-map__view--across", 1)[1].split("til-map__view--down")[0]
    assert across.count('<a class="til-map__station"') == 21
    assert 'aria-label="Governance and leadership: trauma-informed"' in across
    for level in ("trauma-skilled", "trauma-enhanced", "trauma-specialist"):
        assert level in html.lower()
    # The long text moved to the station pages.
    assert MET_ONLY not in html


def test_station_links_case_studies_chosen_by_tags(client, content):
    CaseStudyFactory(
        title="Leadership case", slug="leadership-case", domains=[GOV], rs=["respond"]
    )
    CaseStudyFactory(title="Unrelated case", domains=[])
    url = reverse("roadmap:station", args=["governance-leadership", "trauma-informed"])
    html = _html(client.get(url))
    assert 'href="/case-studies/leadership-case/"' in html
    assert "Unrelated case" not in html
    assert MET_ONLY in html and NHS_ONLY in html
    # Sector-specific actions are labelled with their sector.
    assert (
        '<strong class="govuk-tag govuk-tag--blue">Metropolitan Police</strong>' in html
    )


def test_sector_view_shows_that_sectors_actions_and_case_studies(client, content):
    CaseStudyFactory(
        title="Police practice", domains=[GOV], sectors=["policing"], rs=["respond"]
    )
    CaseStudyFactory(
        title="Health practice", domains=[GOV], sectors=["nhs"], rs=["respond"]
    )
    url = reverse("roadmap:station", args=["governance-leadership", "trauma-informed"])
    html = _html(client.get(url, {"sector": "met_police"}))
    assert MET_ONLY in html
    assert NHS_ONLY not in html
    assert "Police practice" in html
    assert "Health practice" not in html
    assert '<option value="met_police" selected>' in html
    assert (
        "<title>Governance and leadership: trauma-informed for Metropolitan Police"
        in html
    )
    # Actions for everyone stay in.
    assert "Report progress to your board at least once a year" in html
    journey = _html(client.get(reverse("roadmap:journey"), {"sector": "met_police"}))
    assert "<title>The journey for Metropolitan Police" in journey
    assert '<option value="met_police" selected>' in journey


def test_sector_view_with_an_unknown_sector_shows_an_error_and_everything(
    client, content
):
    html = _html(client.get(reverse("roadmap:journey"), {"sector": "education"}))
    assert "<title>Error: " in html
    assert "govuk-error-summary" in html
    assert "Select a sector from the list" in html
    # All sectors: the stations count nothing, and link without a sector.
    assert "case stud" not in html.split("til-map", 1)[1].split("stations")[0]
    assert "?sector=" not in html.split("til-map", 1)[1]
    url = reverse("roadmap:station", args=["governance-leadership", "trauma-informed"])
    station = _html(client.get(url, {"sector": "education"}))
    assert "<title>Error: " in station
    assert MET_ONLY in station and NHS_ONLY in station


def test_domain_page_explains_the_samhsa_mapping_and_filters(client, content):
    url = reverse("roadmap:domain", args=["governance-leadership"])
    html = _html(client.get(url, {"sector": "nhs"}))
    assert "Combines SAMHSA&#x27;s governance and leadership domain" in html
    assert "Financing" in html
    assert NHS_ONLY in html
    assert MET_ONLY not in html
    assert html.count('class="til-cell"') == 3
    # The sector form keeps the choice, and its button adds nothing to the URL.
    assert '<option value="nhs" selected>' in html
    form = re.search(r'<form [^>]*method="get"[^>]*>(.*?)</form>', html, re.S)[1]
    assert "<button" in form and "name=" not in form.split("<button", 1)[1]


@pytest.mark.parametrize("sector", ["education", "<script>", "nhs\x00"])
def test_domain_page_with_an_unknown_sector_shows_an_error_and_everything(
    client, content, sector
):
    url = reverse("roadmap:domain", args=["governance-leadership"])
    html = _html(client.get(url, {"sector": sector}))
    assert "<title>Error: " in html
    assert '<a href="#id_sector">Select a sector from the list</a>' in html
    assert "<script>" not in html.split("<main", 1)[1]
    assert MET_ONLY in html and NHS_ONLY in html


@pytest.mark.parametrize("slug", ["governance_leadership", "no-such-area"])
def test_domain_page_404s_for_unknown_or_underscored_slugs(client, content, slug):
    response = client.get(reverse("roadmap:domain", args=[slug]))
    assert response.status_code == HTTPStatus.NOT_FOUND


# The self-assessment ---------------------------------------------------------


def test_start_page_explains_scoring_privacy_and_the_threshold(client, content):
    html = _html(client.get(reverse("roadmap:self_assessment_start")))
    assert "You do not need an account" in html
    assert "Your stage in an area is the highest stage" in html
    assert "at least 10 other results" in html
    assert reverse("roadmap:self_assessment_questions") in html
    assert "There are 28 statements" in html


def test_questions_page_has_a_radio_question_per_statement(client, content):
    html = _html(client.get(reverse("roadmap:self_assessment_questions")))
    assert html.count('class="govuk-fieldset"') == 28 + 1
    assert html.count('type="radio"') == 28 * 4 + 5
    assert "Fully in place" in html
    assert "<title>Rate the statements" in html


def test_empty_submission_shows_an_error_summary_linked_to_the_first_radio(
    client, content
):
    response = client.post(
        reverse("roadmap:self_assessment_questions"), {"sector": "nhs"}
    )
    html = _html(response)
    assert "<title>Error: " in html
    assert 'href="#id_gov_1_1"' in html
    assert 'id="id_gov_1_1"' in html
    assert "Rate at least one statement" in html
    # The sector chosen is not lost.
    assert re.search(r'value="nhs"\s+checked', html)
    assert not SelfAssessment.objects.exists()


def test_submitting_saves_an_anonymous_result_and_redirects_to_its_link(
    client, content
):
    location = _take(client, sector="nhs", gov_1="fully", gov_2="mostly")
    token = location.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 43
    assessment = SelfAssessment.objects.get()
    assert assessment.sector == "nhs"
    assert assessment.answers == {"gov_1": "fully", "gov_2": "mostly"}
    assert assessment.profile[GOV] == "aware"
    assert token not in assessment.token_digest
    field_names = {f.name for f in SelfAssessment._meta.get_fields()}
    assert field_names == {
        "id",
        "token_digest",
        "sector",
        "answers",
        "profile",
        "created_at",
    }


def test_results_page_shows_chart_table_next_steps_and_sharing(client, content):
    CaseStudyFactory(
        title="Met leadership",
        slug="met-leadership",
        domains=[GOV],
        sectors=["met_police"],
        rs=["respond"],
    )
    answers = {s.code: "fully" for s in Statement.objects.filter(domain=GOV)}
    answers["gov_4"] = "starting"
    location = _take(client, sector="met_police", **answers)
    response = client.get(location)
    html = _html(response)
    assert 'role="img"' in html
    assert 'aria-labelledby="stage-chart-title stage-chart-desc"' in html
    assert '<title id="stage-chart-title">' in html
    cells = re.findall(r'<td class="govuk-table__cell">([^<]+)</td>', html)
    assert cells == ["Trauma-informed"] + ["Starting out"] * 6
    # Next steps for trauma-informed governance, with the Met's own action.
    assert MET_ONLY in html
    assert NHS_ONLY not in html
    assert 'href="/case-studies/met-leadership/"' in html
    assert f'value="http://testserver{location}"' in html
    assert 'data-copy-target="share-link"' in html
    assert re.search(r"<button[^>]*data-print[^>]*hidden", html)
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-cache" in response["Cache-Control"]
    assert "Not answered (counts as “Not yet”)" in html


def test_results_for_starting_out_give_trauma_aware_first_steps(client, content):
    html = _html(client.get(_take(client, gov_1="starting")))
    assert "Your first steps, toward trauma-aware" in html
    assert "Name a senior sponsor at board or chief-officer level" in html


def test_questions_page_is_not_found_before_statements_exist(client):
    url = reverse("roadmap:self_assessment_questions")
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND
    assert client.post(url, {"sector": "nhs"}).status_code == HTTPStatus.NOT_FOUND
    assert not SelfAssessment.objects.exists()


def test_start_page_has_no_start_button_before_statements_exist(client):
    html = _html(client.get(reverse("roadmap:self_assessment_start")))
    assert "Start now" not in html
    assert "not open yet" in html


def test_unknown_results_link_is_not_found(client, content):
    url = reverse("roadmap:self_assessment_results", args=["x" * 43])
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_results_link_opens_in_another_session(client, content):
    location = _take(client, gov_1="mostly")
    other = client.__class__()
    assert other.get(location).status_code == HTTPStatus.OK


def _others(n, sector):
    profile = dict.fromkeys(Domain.values, "starting_out")
    SelfAssessmentFactory.create_batch(
        n, sector=sector, profile={**profile, GOV: "aware"}
    )


def test_comparison_hidden_with_nine_other_results_in_the_sector(client, content):
    _others(9, Sector.NHS)
    _others(5, Sector.VCS)
    html = _html(client.get(_take(client, sector="nhs", gov_1="mostly")))
    assert "til-comparison-table" not in html
    assert "once at least 10 other results from NHS exist" in html


def test_comparison_shown_with_ten_other_results_in_the_sector(client, content):
    _others(10, Sector.NHS)
    html = _html(client.get(_take(client, sector="nhs", gov_1="mostly")))
    assert "til-comparison-table" in html
    assert "How 10 other results from NHS" in html
    assert '100% <strong class="til-yours__label">(you)</strong>' in html


def test_no_comparison_without_a_sector(client, content):
    _others(12, Sector.NHS)
    html = _html(client.get(_take(client, gov_1="mostly")))
    assert "Compared with others" not in html


# Query counts do not grow with content ---------------------------------------


def _grow_content():
    """Add many actions, case studies and results."""
    for cell_action in Action.objects.select_related("domain_stage")[:21]:
        ActionFactory.create_batch(
            3, domain_stage=cell_action.domain_stage, sectors=["nhs"]
        )
    for n in range(30):
        CaseStudyFactory(
            domains=list(Domain.values), rs=["realise", "respond"], slug=f"grow-{n}"
        )
    _others(25, Sector.NHS)
    for number in range(5, 9):
        phase = PhaseFactory(number=number)
        MilestoneFactory.create_batch(3, phase=phase)
        PhaseLinkFactory.create_batch(2, phase=phase)


PAGES = [
    ("roadmap:index", {}),
    ("roadmap:journey", {}),
    ("roadmap:journey", {"sector": "nhs"}),
    ("roadmap:self_assessment_start", {}),
    ("roadmap:self_assessment_questions", {}),
]


def _queries(client, url, params=None):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, params or {}).status_code == HTTPStatus.OK
    return len(context.captured_queries)


def test_pages_run_a_fixed_number_of_queries_whatever_the_content(
    client, content, django_assert_max_num_queries
):
    domain_url = reverse("roadmap:domain", args=["workforce-wellbeing"])
    results_url = _take(client, sector="nhs", gov_1="mostly")
    urls = [(reverse(name), params) for name, params in PAGES]
    urls += [(domain_url, {"sector": "nhs"}), (results_url, {})]
    small = [_queries(client, url, params) for url, params in urls]
    _grow_content()
    large = [_queries(client, url, params) for url, params in urls]
    assert small == large
    # The published survey baseline (findings) is read with the result itself.
    with django_assert_max_num_queries(9):
        client.get(results_url)
    # The map's survey shading reads the newest published figures: one query.
    with django_assert_max_num_queries(7):
        client.get(reverse("roadmap:journey"), {"sector": "nhs"})


@pytest.mark.parametrize(
    "name", ["roadmap:index", "roadmap:journey", "roadmap:self_assessment_questions"]
)
def test_pages_contain_no_inline_script_or_style(client, content, name):
    html = _html(client.get(reverse(name)))
    assert "<script>" not in html
    assert "style=" not in html
    assert "<style" not in html


@pytest.mark.parametrize("slug", ["workforce-wellbeing", "data-monitoring-evaluation"])
def test_workforce_and_data_areas_link_to_training_guidance_and_resources(
    client, content, slug
):
    html = client.get(reverse("roadmap:domain", args=[slug])).content.decode()
    assert f'href="{reverse("pages:commissioning_training")}' in html
    assert f'href="{reverse("pages:resources")}"' in html


def test_other_areas_do_not_show_the_training_guidance(client, content):
    html = client.get(
        reverse("roadmap:domain", args=["physical-environment"])
    ).content.decode()
    assert reverse("pages:commissioning_training") not in html
