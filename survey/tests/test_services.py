"""Services: idempotent submit under concurrency, rate-limit counters, withdrawal."""

import datetime as dt
import threading

import pytest
from django.db import connection

from survey import services
from survey.models import ContactDetails, RateLimitBucket, Response
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


def test_rate_limit_counts_per_key_and_hour():
    now = dt.datetime(2025, 1, 5, 10, 15, tzinfo=dt.UTC)
    hits = [services.rate_limit_hit(key="k", limit=2, now=now) for _ in range(3)]
    assert hits == [False, False, True]
    assert not services.rate_limit_hit(key="other", limit=2, now=now)
    next_hour = now + dt.timedelta(hours=1)
    assert not services.rate_limit_hit(key="k", limit=2, now=next_hour)


def test_rate_limit_retry_after_counts_the_seconds_left_in_the_hour():
    now = dt.datetime(2025, 1, 1, 10, 59, 30, 500_000, tzinfo=dt.UTC)
    assert services.rate_limit_retry_after(now) == 30
    assert services.rate_limit_retry_after(now.replace(minute=0, second=0)) == 3600


def test_rate_limit_clears_old_windows():
    old = dt.datetime(2025, 1, 5, 6, 0, tzinfo=dt.UTC)
    services.rate_limit_hit(key="k", limit=5, now=old)
    services.rate_limit_hit(key="k", limit=5, now=old + dt.timedelta(hours=5))
    assert RateLimitBucket.objects.count() == 1


def test_client_key_does_not_contain_the_address():
    key = services.client_key("192.0.2.7")
    assert "192.0.2.7" not in key
    assert key == services.client_key("192.0.2.7")
    assert key != services.client_key("192.0.2.8")


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
