"""Submitted responses in the admin: list, filters, search, detail, contact details."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from survey.models import ContactDetails, Response
from survey.tests.factories import (
    SAMPLE_ANSWERS,
    CollectorFactory,
    ResponseFactory,
    WaveFactory,
    submitted,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:survey_response_changelist")


def _references(response):
    return {r.reference for r in response.context["cl"].result_list}


def test_only_submitted_responses_are_listed(analyst_client, open_wave):
    kept = submitted(open_wave)
    ResponseFactory(wave=open_wave)
    response = analyst_client.get(CHANGELIST)
    assert response.status_code == HTTPStatus.OK
    assert _references(response) == {kept.reference}
    html = response.content.decode()
    assert "Hackney Council" in html and "Local authority" in html
    assert "Hackney, Islington" in html


def test_filters_by_wave_sector_borough_and_contact(analyst_client, open_wave):
    other_wave = WaveFactory(questionnaire=open_wave.questionnaire)
    hackney = submitted(open_wave, contact=True)
    nhs = submitted(
        open_wave, {"consent": "yes", "sector": "nhs", "boroughs": ["camden"]}
    )
    elsewhere = submitted(other_wave)
    cases = [
        ({"wave__id__exact": open_wave.pk}, {hackney, nhs}),
        ({"sector": "nhs"}, {nhs}),
        ({"borough": "islington"}, {hackney, elsewhere}),
        ({"contact": "yes"}, {hackney}),
        ({"contact": "no"}, {nhs, elsewhere}),
    ]
    for params, expected in cases:
        response = analyst_client.get(CHANGELIST, params)
        assert _references(response) == {r.reference for r in expected}, params


def test_filters_by_the_link_a_response_came_through(analyst_client, open_wave):
    link = CollectorFactory(wave=open_wave, name="Hackney safeguarding network")
    via_link = submitted(open_wave)
    Response.objects.filter(pk=via_link.pk).update(collector=link)
    direct = submitted(open_wave)
    page = analyst_client.get(CHANGELIST)
    assert "Hackney safeguarding network" in page.content.decode()
    by_link = analyst_client.get(CHANGELIST, {"collector__id__exact": link.pk})
    assert _references(by_link) == {via_link.reference}
    directly = analyst_client.get(CHANGELIST, {"collector__isnull": "True"})
    assert _references(directly) == {direct.reference}


def test_search_finds_organisation_reference_and_free_text(analyst_client, open_wave):
    match = submitted(open_wave)
    other = submitted(
        open_wave, {"consent": "yes", "sector": "nhs", "organisation_name": "NHS trust"}
    )
    for term in [
        "hackney",
        "not the behaviour",
        "missed appointments",
        match.reference,
    ]:
        assert _references(analyst_client.get(CHANGELIST, {"q": term})) == {
            match.reference
        }, term
    # Option codes and answer keys are not free text.
    assert (
        _references(analyst_client.get(CHANGELIST, {"q": "local_authority"})) == set()
    )
    assert other.reference in _references(
        analyst_client.get(CHANGELIST, {"q": "trust"})
    )


def test_detail_shows_each_answer_beside_its_question_in_order(
    analyst_client, open_wave
):
    response = submitted(open_wave, contact=True)
    html = analyst_client.get(
        reverse("admin:survey_response_change", args=[response.pk])
    ).content.decode()
    assert "Which sector do you work in?" in html
    positions = [
        html.index(text)
        for text in [
            "Which sector do you work in?",
            "Local authority",
            "What is the name of your organisation?",
            "Hackney Council",
            "In your own words",
            "Seeing the person, not the behaviour.",
            "Tell us about your example",
        ]
    ]
    assert positions == sorted(positions)
    assert "Training in trauma-informed practice for all staff" in html
    assert "Other: =HYPERLINK" in html
    assert "Not answered" in html
    # Contact details are not on the page itself, only a recorded link to them.
    assert "ada@example.org" not in html
    assert "Show contact details" in html
    assert 'name="_save"' not in html


def test_drafts_have_no_detail_page(analyst_client, open_wave):
    draft = ResponseFactory(wave=open_wave)
    url = reverse("admin:survey_response_change", args=[draft.pk])
    assert analyst_client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_viewing_contact_details_is_recorded(analyst_client, analyst, open_wave):
    response = submitted(open_wave, contact=True)
    html = analyst_client.get(
        reverse("admin:survey_response_contact", args=[response.pk])
    ).content.decode()
    assert "ada@example.org" in html and "Ada Example" in html
    event = AuditEvent.objects.get(action=AuditEvent.Action.VIEW_CONTACT)
    assert event.user == analyst
    assert event.object_id == str(response.pk)


def test_contact_details_are_deleted_alone_after_confirmation(
    analyst_client, open_wave
):
    response = submitted(open_wave, contact=True)
    url = reverse("admin:survey_response_contact_delete", args=[response.pk])
    page = analyst_client.get(url).content.decode()
    assert "Yes, delete the contact details" in page
    assert ContactDetails.objects.filter(response=response).exists()
    assert analyst_client.post(url).status_code == HTTPStatus.FOUND
    assert not ContactDetails.objects.filter(response=response).exists()
    assert Response.objects.filter(pk=response.pk).exists()
    assert (
        AuditEvent.objects.filter(action=AuditEvent.Action.DELETE_CONTACT).count() == 1
    )


def test_analysts_cannot_delete_responses_but_admins_can_and_it_is_recorded(
    analyst_client, vru_admin_client, open_wave
):
    response = submitted(open_wave, contact=True)
    url = reverse("admin:survey_response_delete", args=[response.pk])
    assert analyst_client.post(url, {"post": "yes"}).status_code == HTTPStatus.FORBIDDEN
    assert vru_admin_client.post(url, {"post": "yes"}).status_code == HTTPStatus.FOUND
    assert not Response.objects.filter(pk=response.pk).exists()
    assert not ContactDetails.objects.exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.DELETE_RESPONSE)
    assert event.object_repr == response.reference


@pytest.mark.parametrize("count", [5, 50])
def test_list_runs_a_bounded_number_of_queries(
    analyst_client, open_wave, django_assert_max_num_queries, count
):
    for index in range(count):
        submitted(open_wave, contact=index % 2 == 0)
    analyst_client.get(CHANGELIST)
    # Session, user, device, two for permissions, waves and links for the
    # filters, the count and the page of results; a search reads the stored
    # search_text, so it adds none.
    with django_assert_max_num_queries(9):
        response = analyst_client.get(CHANGELIST, {"contact": "yes", "q": "hackney"})
    assert response.status_code == HTTPStatus.OK
    with django_assert_max_num_queries(9):
        response = analyst_client.get(CHANGELIST)
    assert response.status_code == HTTPStatus.OK
    assert len(response.context["cl"].result_list) == count


def test_search_treats_percent_and_underscore_as_text(analyst_client, open_wave):
    match = submitted(open_wave, {"consent": "yes", "enablers": "100% of staff"})
    submitted(open_wave, {"consent": "yes", "enablers": "1000 staff"})
    assert _references(analyst_client.get(CHANGELIST, {"q": "100%"})) == {
        match.reference
    }
    assert _references(analyst_client.get(CHANGELIST, {"q": "_"})) == set()


def test_malformed_ids_and_filters_are_not_server_errors(analyst_client):
    for name in ("change", "contact", "contact_delete"):
        url = reverse(f"admin:survey_response_{name}", args=["not-a-number"])
        assert analyst_client.get(url).status_code in (
            HTTPStatus.NOT_FOUND,
            HTTPStatus.FOUND,
        )
    response = analyst_client.get(
        reverse("admin:survey_response_dictionary"), {"no_such_field": "x"}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].endswith("?e=1")


RLO = "\u202e"
HOSTILE_ORGANISATION = f"Acme{RLO}lanigiro.exe"


def _hostile_response(wave):
    answers = {
        **SAMPLE_ANSWERS,
        "organisation_name": HOSTILE_ORGANISATION,
        "meaning_own_words": f"Safety{RLO} first\u2066 always\u2069",
    }
    response = submitted(wave, answers, contact=True)
    ContactDetails.objects.filter(response=response).update(name=f"Ada{RLO}evil")
    return response


def _assert_controls_shown(html):
    assert RLO not in html and "\u2066" not in html
    assert '<span class="respondent-control"' in html
    assert "⟨U+202E⟩" in html


def test_direction_controls_in_the_list_and_search_are_shown_not_obeyed(
    analyst_client, open_wave
):
    response = _hostile_response(open_wave)
    for params in [{}, {"q": "acme"}]:
        page = analyst_client.get(CHANGELIST, params)
        assert _references(page) == {response.reference}, params
        html = page.content.decode()
        _assert_controls_shown(html)
        assert "<bdi>Acme<span" in html
    response.refresh_from_db()
    assert response.organisation == HOSTILE_ORGANISATION


def test_direction_controls_in_the_detail_are_shown_not_obeyed(
    analyst_client, open_wave
):
    response = _hostile_response(open_wave)
    html = analyst_client.get(
        reverse("admin:survey_response_change", args=[response.pk])
    ).content.decode()
    _assert_controls_shown(html)
    assert "⟨U+2066⟩" in html and "⟨U+2069⟩" in html
    assert "<bdi>Seeing" not in html and "<bdi>Safety<span" in html
    # Stored exactly as given: only the page shows the controls as markers.
    response.refresh_from_db()
    assert (
        response.answers["meaning_own_words"] == f"Safety{RLO} first\u2066 always\u2069"
    )


def test_direction_controls_in_contact_details_are_shown_not_obeyed(
    analyst_client, open_wave
):
    response = _hostile_response(open_wave)
    html = analyst_client.get(
        reverse("admin:survey_response_contact", args=[response.pk])
    ).content.decode()
    _assert_controls_shown(html)
    assert "<bdi>Ada<span" in html
    assert ContactDetails.objects.get(response=response).name == f"Ada{RLO}evil"
