"""What a respondent could be identified by never reaches a published release.

A director in a small borough who names the organisation would be known to
anyone who reads all three together. The survey promises (its start page, the
organisation question's "why") that the name is never published and that
seniority is never shown with a single borough; these tests hold the findings
to that, in the stored snapshot, the public page and the CSV.
"""

import json

import pytest
from django.urls import reverse

from findings.models import FindingsRelease
from findings.services import release_publish
from findings.tests.conftest import closed_wave
from survey.questionnaire import NEXT_WAVE_DEFINITION
from survey.tests.factories import submitted

pytestmark = pytest.mark.django_db

ORGANISATION = "Tiny Borough Youth Trust"


@pytest.fixture(params=["v1", "v2"])
def identifying_release(request, analyst):
    """Twelve directors in one borough, each naming the same organisation."""
    path = {} if request.param == "v1" else {"path": NEXT_WAVE_DEFINITION}
    wave = closed_wave(f"identifying-{request.param}", **path)
    for _ in range(12):
        submitted(
            wave,
            {
                "consent": "yes",
                "sector": "local_authority",
                "organisation_name": ORGANISATION,
                "seniority": "director_executive",
                "boroughs": ["city_of_london"],
                "r_respond_1": "agree",
                "principle_safety": "agree",
            },
        )
    release = FindingsRelease.objects.create(wave=wave, title="Findings")
    return release_publish(release=release, user=analyst)


def test_the_snapshot_holds_no_organisation_name_and_no_seniority(
    identifying_release,
):
    stored = json.dumps(identifying_release.snapshot)
    assert identifying_release.snapshot["respondents"]["count"] == 12
    assert ORGANISATION not in stored
    for never in (
        "organisation_name",
        "seniority",
        "director_executive",
        "Director or executive",
    ):
        assert never not in stored, never
    # The core statements are published, so the release is not simply empty.
    assert "r_respond_1" in stored


def test_the_public_page_and_csv_never_show_the_organisation_or_seniority(
    client, identifying_release
):
    slug = identifying_release.wave.slug
    page = client.get(reverse("findings:detail", args=[slug])).content.decode()
    table = client.get(reverse("findings:csv", args=[slug])).content.decode()
    for published in (page, table):
        assert ORGANISATION not in published
        assert "Director or executive" not in published
        assert "seniority" not in published.lower()
