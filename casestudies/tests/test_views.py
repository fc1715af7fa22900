"""Tests for the public list and detail pages and the staff preview."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from casestudies.tests.factories import (
    CaseStudyFactory,
    CitationFactory,
    FigureFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("casestudies:list")


def _html(response):
    return response.content.decode()


def test_list_shows_published_case_studies_only(client):
    CaseStudyFactory(title="Custody murals")
    CaseStudyFactory(title="Secret draft", draft=True)
    response = client.get(LIST_URL)
    assert response.status_code == HTTPStatus.OK
    assert "Custody murals" in _html(response)
    assert "Secret draft" not in _html(response)
    assert "1 case study" in _html(response)


def test_list_facets_are_checkboxes_with_counts(client):
    CaseStudyFactory(principles=["choice"], sectors=["policing"])
    CaseStudyFactory(principles=["choice", "trust"], sectors=["nhs"])
    html = _html(client.get(LIST_URL))
    assert 'type="checkbox" value="choice"' in html
    assert 'name="principles"' in html
    assert 'Choice <span class="til-facet-count">(2' in html
    assert 'Trust <span class="til-facet-count">(1' in html
    assert "<legend" in html


def test_filters_combine_from_the_address(client):
    wanted = CaseStudyFactory(
        title="Policing with choice", sectors=["policing"], principles=["choice"]
    )
    CaseStudyFactory(
        title="Policing safety", sectors=["policing"], principles=["safety"]
    )
    CaseStudyFactory(title="NHS choice", sectors=["nhs"], principles=["choice"])
    response = client.get(LIST_URL, {"sectors": "policing", "principles": "choice"})
    html = _html(response)
    assert wanted.title in html
    assert "Policing safety" not in html
    assert "NHS choice" not in html
    assert 'value="policing" checked' in html
    assert 'value="choice" checked' in html


def test_selected_filters_are_summarised_with_links_that_remove_each(client):
    CaseStudyFactory(sectors=["policing"], principles=["choice"])
    html = _html(
        client.get(LIST_URL, {"sectors": "policing", "principles": "choice", "q": "x"})
    )
    assert "Selected filters" in html
    assert "Sector: Policing (other forces)" in html
    assert 'href="/case-studies/?principles=choice&amp;q=x"' in html
    assert 'href="/case-studies/?sectors=policing&amp;q=x"' in html
    assert "Clear filters" in html


def test_search_shows_ranked_results_and_keeps_the_words(client):
    CaseStudyFactory(title="Family hubs", body="Custody mentioned once.")
    CaseStudyFactory(title="Custody suites", summary="Custody, custody.")
    html = _html(client.get(LIST_URL, {"q": "custody"}))
    assert html.index("Custody suites") < html.index("Family hubs")
    assert 'value="custody"' in html
    assert "2 case studies matching \u2018custody\u2019" in html
    assert "<title>Search results for \u2018custody\u2019" in html


def test_search_words_are_escaped(client):
    html = _html(client.get(LIST_URL, {"q": "<script>alert(1)</script>"}))
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_unknown_codes_and_pages_in_the_address_are_ignored(client):
    CaseStudyFactory(title="Still shown")
    response = client.get(LIST_URL, {"sectors": "bogus", "page": "999"})
    assert response.status_code == HTTPStatus.OK
    assert "Still shown" in _html(response)


def test_too_long_search_shows_an_error_and_keeps_the_filters(client):
    CaseStudyFactory(title="Still shown", sectors=["nhs"])
    response = client.get(LIST_URL, {"q": "a" * 201, "sectors": "nhs"})
    html = _html(response)
    assert response.status_code == HTTPStatus.OK
    assert "There is a problem" in html
    assert "Enter fewer than 200 characters" in html
    assert "<title>Error: " in html
    assert "Still shown" in html


def test_empty_result_gives_advice_and_a_way_back(client):
    CaseStudyFactory(title="Custody")
    html = _html(client.get(LIST_URL, {"q": "zebra"}))
    assert "0 case studies" in html
    assert "There are no case studies that match your search" in html
    assert "checking your spelling" in html
    assert "Clear filters and see all case studies" in html


def test_pagination_keeps_the_filters_in_page_links(client):
    CaseStudyFactory.create_batch(12, principles=["choice"])
    html = _html(client.get(LIST_URL, {"principles": "choice"}))
    assert 'class="govuk-pagination"' in html
    assert 'href="?principles=choice&amp;page=2"' in html
    second = _html(client.get(LIST_URL, {"principles": "choice", "page": 2}))
    assert "(page 2 of 2)" in second
    assert 'aria-current="page">2<' in second
    assert second.count("til-case-study-list__item") == 2


def test_detail_shows_the_case_study_sources_and_tag_links(client):
    case_study = CaseStudyFactory(
        title="Custody murals",
        body="## What they did\n\nPainted **murals**.",
        outcomes="- Calmer cells",
        principles=["choice"],
        evidence="independently_evaluated",
        evidence_note="Evaluated by a university.",
        started="2021-09",
    )
    CitationFactory(
        case_study=case_study,
        source__title="Learning from VRUs",
        source__url="https://example.org/r",
    )
    response = client.get(case_study.get_absolute_url())
    html = _html(response)
    assert response.status_code == HTTPStatus.OK
    assert '<h1 class="govuk-heading-xl">Custody murals</h1>' in html
    assert '<h2 class="govuk-heading-m">What they did</h2>' in html
    assert "<li>Calmer cells</li>" in html
    assert 'href="https://example.org/r"' in html
    assert "Evaluated by a university." in html
    assert "From September 2021" in html
    assert 'href="/case-studies/?principles=choice"' in html
    assert 'href="/case-studies/?evidence=independently_evaluated"' in html
    assert "data-print hidden" in html


def test_detail_shows_related_case_studies(client):
    case_study = CaseStudyFactory(principles=["choice"])
    related = CaseStudyFactory(title="Related one", principles=["choice"])
    html = _html(client.get(case_study.get_absolute_url()))
    assert "Related case studies" in html
    assert related.get_absolute_url() in html


def test_illustrative_examples_are_marked(client):
    case_study = CaseStudyFactory(is_illustrative=True, evidence="illustrative")
    assert "This is an illustrative example." in _html(
        client.get(case_study.get_absolute_url())
    )
    assert "Illustrative example</strong>" in _html(client.get(LIST_URL))


def test_detail_body_is_sanitised(client):
    case_study = CaseStudyFactory(body="Hi <script>alert(1)</script><b onclick=x>b</b>")
    html = _html(client.get(case_study.get_absolute_url()))
    assert "alert(1)" not in html
    assert "onclick" not in html


def test_draft_is_not_found_even_for_staff_at_its_public_address(client, admin_client):
    draft = CaseStudyFactory(draft=True)
    assert client.get(draft.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    assert (
        admin_client.get(draft.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    )


def test_preview_shows_a_draft_to_staff_with_a_banner(admin_client):
    draft = CaseStudyFactory(title="Work in progress", draft=True)
    response = admin_client.get(draft.get_preview_url())
    html = _html(response)
    assert response.status_code == HTTPStatus.OK
    assert "Work in progress" in html
    assert "This case study is a draft: only staff can see it." in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_preview_sends_the_public_to_sign_in(client):
    draft = CaseStudyFactory(draft=True)
    response = client.get(draft.get_preview_url())
    assert response.status_code == HTTPStatus.FOUND
    assert "/admin/login/" in response["Location"]


def test_preview_is_refused_to_staff_without_permission(
    client, django_user_model, staff_login
):
    user = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    staff_login(client, user)
    draft = CaseStudyFactory(draft=True)
    assert client.get(draft.get_preview_url()).status_code == HTTPStatus.FORBIDDEN


@pytest.mark.parametrize("count", [3, 30])
def test_list_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    CaseStudyFactory.create_batch(count, principles=["choice"], sectors=["nhs"])
    with django_assert_max_num_queries(3):
        response = client.get(LIST_URL, {"q": "case", "principles": "choice"})
    assert response.status_code == HTTPStatus.OK


@pytest.mark.parametrize("count", [3, 30])
def test_detail_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    case_study = CaseStudyFactory(principles=["choice"])
    citations = CitationFactory.create_batch(3, case_study=case_study)
    for citation in citations:
        FigureFactory(case_study=case_study, source=citation.source)
    CaseStudyFactory.create_batch(count, principles=["choice"])
    # The case study, its sources, its figures and the related ones.
    with django_assert_max_num_queries(4):
        response = client.get(case_study.get_absolute_url())
    assert response.status_code == HTTPStatus.OK


def test_list_lets_keyboard_users_skip_the_filters_to_the_results(client):
    CaseStudyFactory()
    html = _html(client.get(LIST_URL))
    assert '<a class="govuk-link" href="#results-heading">Skip to results</a>' in html
    assert 'id="results-heading" tabindex="-1"' in html
    assert html.index("Skip to results") < html.index('name="sectors"')


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "99999"},
        {"page": "-1"},
        {"page": "9" * 400},
        {"sectors": "nonsense"},
        {"sectors": "x" * 5000},
        {"sector": "<script>"},
        {"evidence": ["<script>", "practitioner_reported"]},
        {"q": "!!! ??? ..."},
        {"q": '"'},
        {"q": "-"},
        {"q": '"custody -'},
        {"q": "or or or"},
        {"q": "a & b | c ! :* <->"},
        {"q": "\\"},
        {"q": "custody " * 24},
    ],
)
def test_odd_addresses_show_the_list_and_never_fail(client, params):
    CaseStudyFactory(title="Custody murals", sectors=["policing"])
    response = client.get(LIST_URL, params)
    html = _html(response)
    assert response.status_code == HTTPStatus.OK
    assert 'id="results-heading"' in html
    assert "<script>" not in html.split("<main", 1)[1]


def test_search_with_a_null_character_is_an_error_in_govuk_voice(client):
    CaseStudyFactory(title="Still shown")
    response = client.get(LIST_URL, {"q": "custody\x00"})
    html = _html(response)
    assert response.status_code == HTTPStatus.OK
    assert "Enter search words without special characters" in html
    assert "Still shown" in html


def test_out_of_range_page_shows_the_last_page(client):
    CaseStudyFactory.create_batch(12)
    html = _html(client.get(LIST_URL, {"page": "99999"}))
    assert "(page 2 of 2)" in html
    assert html.count("til-case-study-list__item") == 2


def test_free_text_is_escaped_or_sanitised_on_the_detail_page(client):
    attack = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    case_study = CaseStudyFactory(
        title=f"Title {attack}",
        summary=f"Summary {attack}",
        body=f"Body {attack} [link](javascript:alert(3))",
        outcomes=f"- Outcome {attack} [link](javascript:alert(4))",
        evidence_note=f"Note {attack}",
        organisations=[f"Org {attack}"],
        place_detail=f"Place {attack}",
        contact_name=f"Contact {attack}",
    )
    CitationFactory(
        case_study=case_study,
        source__title=f"Source {attack}",
        source__description=attack,
    )
    html = _html(client.get(case_study.get_absolute_url()))
    main = html.split("<main", 1)[1]
    assert "<script>" not in main
    assert "<img" not in main
    assert "javascript:" not in main
    assert "&lt;script&gt;" in main
    assert "Outcome" in main


def test_free_text_is_escaped_on_the_list_page(client):
    CaseStudyFactory(
        title="<script>alert(1)</script>",
        summary='<img src=x onerror="alert(2)">',
        organisations=["<b>Org</b>"],
        place_detail="<i>Place</i>",
    )
    main = _html(client.get(LIST_URL)).split("<main", 1)[1]
    for fragment in ("<script>", "<img", "<b>Org", "<i>Place"):
        assert fragment not in main
    assert "&lt;script&gt;" in main


def test_preview_needs_both_steps_of_the_admin_sign_in(client, django_user_model):
    django_user_model.objects.create_superuser("editor", password="pw-for-tests-9")
    client.post(
        reverse("admin:login"), {"username": "editor", "password": "pw-for-tests-9"}
    )
    assert "_auth_user_id" in client.session
    draft = CaseStudyFactory(title="Work in progress", draft=True)
    response = client.get(draft.get_preview_url())
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("admin:login"))


def test_list_puts_illustrative_examples_under_their_own_heading(client):
    CaseStudyFactory(title="Made up", evidence="illustrative", is_illustrative=True)
    CaseStudyFactory(title="Documented", evidence="practitioner_reported")
    html = _html(client.get(LIST_URL))
    heading = html.index('id="illustrative-heading"')
    assert html.index("Documented") < heading < html.index("Made up")


def test_search_ranks_by_relevance_not_by_evidence(client):
    CaseStudyFactory(
        title="Murals murals murals", evidence="illustrative", is_illustrative=True
    )
    CaseStudyFactory(
        title="Training", summary="Some murals.", evidence="independently_evaluated"
    )
    html = _html(client.get(LIST_URL, {"q": "murals"}))
    assert 'id="illustrative-heading"' not in html
    assert html.index("Murals murals murals") < html.index(">Training<")
