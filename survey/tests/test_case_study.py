"""From survey example to draft case study, for consenting respondents only."""

import threading
from http import HTTPStatus

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from audit.models import AuditEvent
from casestudies.models import CaseStudy
from casestudies.tests.factories import CaseStudyFactory
from survey import services
from survey.models import ExampleCaseStudy
from survey.models.examples import example_fields
from survey.tests.factories import WaveFactory, submitted

pytestmark = pytest.mark.django_db


def _url(response):
    return reverse("admin:survey_response_case_study", args=[response.pk])


def test_analyst_starts_a_prefilled_draft_linked_to_the_response(
    analyst_client, open_wave
):
    response = submitted(open_wave, contact=True)
    result = analyst_client.post(_url(response))
    case_study = ExampleCaseStudy.objects.get(response=response).case_study
    assert result["Location"] == reverse(
        "admin:casestudies_casestudy_change", args=[case_study.pk]
    )
    assert case_study.status == CaseStudy.Status.DRAFT
    assert case_study.body.startswith("A drop-in run with young people.")
    assert case_study.summary == "A drop-in run with young people."
    assert case_study.outcomes == "Fewer missed appointments."
    assert case_study.sectors == ["local_authority"]
    assert case_study.places == ["hackney", "islington"]
    assert case_study.rs == ["recognise", "respond"]
    assert case_study.evidence == "internally_evaluated"
    # The survey's organisation answer stays with the analysts; the draft takes
    # the one given with the contact details, for the case study.
    assert response.organisation == "Hackney Council"
    assert case_study.organisations == []
    # The respondent agreed to be contacted, not to be published as a contact.
    assert case_study.contact_email == "" and case_study.contact_name == ""
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CASE_STUDY).count() == 1
    page = analyst_client.get(result["Location"])
    assert page.status_code == HTTPStatus.OK


def test_a_second_request_opens_the_same_draft(analyst_client, open_wave):
    response = submitted(open_wave, contact=True)
    analyst_client.post(_url(response))
    analyst_client.post(_url(response))
    assert ExampleCaseStudy.objects.filter(response=response).count() == 1
    assert CaseStudy.objects.count() == 1
    html = analyst_client.get(
        reverse("admin:survey_response_change", args=[response.pk])
    ).content.decode()
    assert "A case study was started from this response" in html


def test_no_case_study_without_consent(analyst_client, open_wave):
    response = submitted(open_wave)
    result = analyst_client.post(_url(response), follow=True)
    assert "did not agree to be contacted" in result.content.decode()
    assert not CaseStudy.objects.exists()


def test_editors_cannot_start_one_and_get_is_not_allowed(
    editor_client, analyst_client, open_wave
):
    response = submitted(open_wave, contact=True)
    assert editor_client.post(_url(response)).status_code == HTTPStatus.FORBIDDEN
    assert analyst_client.get(_url(response)).status_code == (
        HTTPStatus.METHOD_NOT_ALLOWED
    )
    assert not CaseStudy.objects.exists()


def test_the_example_is_placed_in_the_respondents_boroughs(open_wave):
    response = submitted(open_wave)
    fields = example_fields(response, organisation="")
    assert fields["places"] == ["hackney", "islington"]
    assert fields["slug"] == f"survey-{response.reference.lower()}"


def test_submitting_twice_in_a_row_starts_one_draft(open_wave, django_user_model):
    response = submitted(open_wave, contact=True)
    user = django_user_model.objects.create(username="analyst-twice")
    first = services.response_case_study_start(response=response, user=user)
    again = services.response_case_study_start(response=response, user=user)
    assert first == again
    assert CaseStudy.objects.count() == 1
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CASE_STUDY).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_double_submit_starts_one_draft_and_raises_nothing(
    django_user_model,
):
    wave = WaveFactory()
    response = submitted(wave, contact=True)
    user = django_user_model.objects.create(username="analyst-concurrent")
    results, errors = [], []

    def start():
        try:
            results.append(
                services.response_case_study_start(response=response, user=user).pk
            )
        except Exception as error:  # any error fails the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(results)) == 1
    assert CaseStudy.objects.count() == 1
    assert ExampleCaseStudy.objects.get(response=response).case_study_id == results[0]


def test_the_database_refuses_a_second_case_study_for_one_response(open_wave):
    response = submitted(open_wave, contact=True)
    services.response_case_study_start(response=response, user=None)
    other = CaseStudyFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ExampleCaseStudy.objects.create(response=response, case_study=other)


def test_the_draft_names_the_organisation_given_for_the_case_study(
    analyst_client, open_wave
):
    response = submitted(open_wave, contact=True)
    response.contact_details.organisation = "Hackney Youth Service"
    response.contact_details.save()
    analyst_client.post(_url(response))
    case_study = ExampleCaseStudy.case_study_of(response)
    assert case_study.organisations == ["Hackney Youth Service"]
