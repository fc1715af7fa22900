"""Services: idempotent submit under concurrency, withdrawal."""

import datetime as dt
import threading

import pytest
from django.db import DataError, connection

from survey import services
from survey.models import ContactDetails, Response, Wave
from survey.tests.factories import (
    ContactDetailsFactory,
    ResponseFactory,
    WaveFactory,
)

pytestmark = pytest.mark.django_db


def _consented_draft(**kwargs):
    response = ResponseFactory(**kwargs)
    response.set_answers({"consent": "yes"})
    response.save()
    return response


def test_submit_sets_reference_and_time_once():
    draft = _consented_draft()
    first = services.response_submit(response=draft)
    again = services.response_submit(response=draft)
    assert first.reference == again.reference
    assert first.submitted_at == again.submitted_at
    assert Response.objects.submitted().count() == 1


def test_submit_refuses_without_consent_or_after_the_close():
    with pytest.raises(services.ConsentMissingError):
        services.response_submit(response=ResponseFactory())
    draft = _consented_draft()
    with pytest.raises(services.WaveClosedError):
        services.response_submit(
            response=draft, now=draft.wave.closes_at + dt.timedelta(seconds=1)
        )
    draft.refresh_from_db()
    assert draft.status == Response.Status.DRAFT


@pytest.mark.django_db(transaction=True)
def test_concurrent_double_submit_gives_one_submission():
    draft = _consented_draft()
    results, barrier = [], threading.Barrier(4)

    def submit():
        barrier.wait()
        try:
            results.append(services.response_submit(response=draft).reference)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4
    assert len(set(results)) == 1
    assert Response.objects.get().reference == results[0]


def test_save_answers_after_the_close_keeps_them_and_says_so():
    wave = WaveFactory()
    draft = ResponseFactory(wave=wave)
    later = wave.closes_at + dt.timedelta(minutes=5)
    with pytest.raises(services.WaveClosedError):
        services.response_save_answers(
            response=draft,
            page_answers={"anything_else": "Kept"},
            page_keys=["anything_else"],
            step_key="vru_support",
            questions=[],
            now=later,
        )
    draft.refresh_from_db()
    assert draft.saved_after_close_at == later


def test_withdraw_deletes_response_and_contact_details():
    contact = ContactDetailsFactory()
    services.response_withdraw(response=contact.response)
    assert not Response.objects.exists()
    assert not ContactDetails.objects.exists()


def test_contact_details_can_be_deleted_alone():
    contact = ContactDetailsFactory()
    services.contact_details_save(response=contact.response, details=None)
    assert Response.objects.filter(pk=contact.response.pk).exists()
    assert not ContactDetails.objects.exists()


def _save(response, wave, **answers):
    return services.response_save_answers(
        response=response,
        page_answers=answers,
        page_keys=list(answers),
        step_key="about_you",
        questions=list(wave.questions.all()),
    )


def test_a_save_from_a_stale_tab_keeps_what_another_tab_saved_meanwhile(open_wave):
    draft = ResponseFactory(wave=open_wave)
    first_tab = Response.objects.get(pk=draft.pk)
    second_tab = Response.objects.get(pk=draft.pk)
    _save(first_tab, open_wave, consent="yes", organisation_name="Camden")
    # Read before the first tab saved: its one-statement write must not apply.
    saved = _save(second_tab, open_wave, job_role="Nurse")
    draft.refresh_from_db()
    assert draft.answers == {
        "consent": "yes",
        "organisation_name": "Camden",
        "job_role": "Nurse",
    }
    assert saved.answers == draft.answers


def test_a_save_from_a_tab_left_open_after_submission_changes_nothing(open_wave):
    draft = ResponseFactory(wave=open_wave)
    stale_tab = Response.objects.get(pk=draft.pk)
    _save(draft, open_wave, consent="yes")
    services.response_submit(response=draft)
    _save(stale_tab, open_wave, consent="yes", organisation_name="Changed")
    draft.refresh_from_db()
    assert draft.is_submitted
    assert draft.answers == {"consent": "yes"}


def test_the_contact_page_keeps_the_details_and_the_step_together():
    draft = ResponseFactory()
    details = {"name": "Sam", "email": "sam@example.org"}
    services.contact_details_save(response=draft, details=details, step_key="contact")
    draft.refresh_from_db()
    assert draft.last_step == "contact"
    assert draft.contact_details.email == "sam@example.org"


def test_if_the_step_cannot_be_saved_the_contact_details_are_not_kept_either():
    draft = ResponseFactory()
    details = {"name": "Sam", "email": "sam@example.org"}
    # Longer than the column: the second write fails, so the first is undone.
    with pytest.raises(DataError):
        services.contact_details_save(
            response=draft, details=details, step_key="x" * 500
        )
    assert not ContactDetails.objects.filter(response=draft).exists()


def test_setting_a_coverage_target_writes_that_column_alone():
    wave = WaveFactory(coverage_target=5)
    stale = Wave.objects.get(pk=wave.pk)
    Wave.objects.filter(pk=wave.pk).update(name="Renamed meanwhile")
    services.wave_coverage_target_set(wave=stale, coverage_target=12)
    wave.refresh_from_db()
    assert (wave.coverage_target, wave.name) == (12, "Renamed meanwhile")
    with pytest.raises(ValueError, match="1 or more"):
        services.wave_coverage_target_set(wave=wave, coverage_target=0)
