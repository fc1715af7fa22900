"""Demo findings: reproducible, labelled, and never touching the real wave."""

import pytest
from django.core.management import call_command

from findings.demo import BASELINE_SLUG, RESPONSES, seed_demo
from findings.models import FindingsRelease
from survey.demo import WAVE_2024_SLUG
from survey.models import Response, Wave

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_a_closed_demo_wave_and_a_published_demo_release(db):
    call_command("seed_demo", "--quiet-sign-ins", stdout=None)
    wave = Wave.objects.get(slug=BASELINE_SLUG)
    assert wave.status() == Wave.Status.CLOSED
    assert "demo data" in wave.name
    assert Response.objects.submitted().filter(wave=wave).count() == RESPONSES
    release = FindingsRelease.objects.get(wave=wave)
    assert release.is_published and release.is_demo
    sectors = set(Response.objects.filter(wave=wave).values_list("sector", flat=True))
    assert {"local_authority", "met_police", "nhs", "vcs"} <= sectors
    boroughs = {
        b
        for bs in Response.objects.filter(wave=wave).values_list("boroughs", flat=True)
        for b in bs
    }
    assert len(boroughs) > 25
    # The real 2024-25 wave gets no invented responses.
    real = Wave.objects.get(slug=WAVE_2024_SLUG)
    assert not Response.objects.filter(wave=real).exists()


def test_seed_demo_is_reproducible_and_idempotent(db):
    call_command("seed_demo", "--quiet-sign-ins", stdout=None)
    wave = Wave.objects.get(slug=BASELINE_SLUG)
    first = list(
        Response.objects.filter(wave=wave)
        .order_by("reference")
        .values_list("reference", "answers")
    )
    snapshot = FindingsRelease.objects.get(wave=wave).snapshot
    assert seed_demo() == ["Demo findings: exist"]
    assert Response.objects.filter(wave=wave).count() == RESPONSES
    FindingsRelease.objects.all().delete()
    Response.objects.filter(wave=wave).delete()
    seed_demo()
    again = list(
        Response.objects.filter(wave=wave)
        .order_by("reference")
        .values_list("reference", "answers")
    )
    assert again == first
    release = FindingsRelease.objects.get(wave=wave)
    assert release.snapshot["tables"] == snapshot["tables"]
