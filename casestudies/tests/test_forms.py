"""Tests for the search and filter form."""

from django.http import QueryDict

from casestudies.forms import CaseStudyFilterForm


def _form(query: str) -> CaseStudyFilterForm:
    return CaseStudyFilterForm(QueryDict(query))


def test_empty_form_is_valid_with_nothing_selected():
    form = _form("")
    assert form.is_valid()
    assert form.query() == ""
    assert form.selected() == {}


def test_selected_keeps_known_codes_once_in_order():
    form = _form("principles=trust&principles=choice&principles=trust&rs=realise")
    assert form.selected() == {"principles": ["trust", "choice"], "rs": ["realise"]}


def test_unknown_codes_are_dropped_without_an_error():
    form = _form("sectors=bogus&sectors=nhs&places=atlantis")
    assert form.is_valid()
    assert form.selected() == {"sectors": ["nhs"]}


def test_search_words_are_trimmed():
    assert _form("q=++custody+").query() == "custody"


def test_too_long_search_is_an_error_in_govuk_voice_and_is_not_used():
    form = _form("q=" + "a" * 201)
    assert not form.is_valid()
    assert form.errors["q"] == ["Enter fewer than 200 characters"]
    assert form.query() == ""


def test_facet_groups_show_counts_and_hide_empty_places():
    form = _form("places=camden")
    counts = {
        "sectors": {"nhs": 2},
        "places": {"hackney": 1},
        "rs": {},
        "principles": {},
        "domains": {},
        "evidence": {},
        "components": {},
    }
    groups = {group["name"]: group for group in form.facet_groups(counts)}
    sectors = {o["code"]: o for o in groups["sectors"]["options"]}
    assert sectors["nhs"]["count"] == 2
    assert sectors["vcs"]["count"] == 0
    places = [o["code"] for o in groups["places"]["options"]]
    assert places == ["camden", "hackney"]
    assert groups["places"]["options"][0]["checked"]
    assert "components" not in groups


def test_selected_filters_link_to_the_address_without_that_value():
    query = QueryDict("q=custody&principles=choice&principles=trust&page=3")
    filters = _form(query.urlencode()).selected_filters(query)
    assert [(f["legend"], f["label"]) for f in filters] == [
        ("Principles", "Choice"),
        ("Principles", "Trust"),
    ]
    assert filters[0]["remove_query"] == "q=custody&principles=trust"
