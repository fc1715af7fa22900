"""The analysts' figures count the rows of the queryset they are called on."""

import pytest

from survey.models import Response
from survey.tests.factories import ResponseFactory, WaveFactory, london, submitted

pytestmark = pytest.mark.django_db

NHS = {
    "consent": "yes",
    "sector": "nhs",
    "boroughs": ["camden", "hackney"],
    "principle_safety": "agree",
    "example_rs": ["realise", "respond"],
}
POLICE = {
    "consent": "yes",
    "sector": "met_police",
    "boroughs": ["camden"],
    "principle_safety": "disagree",
    "example_rs": ["respond"],
}


@pytest.fixture
def responses():
    """Two waves: one NHS and one police response in the first, one NHS in the
    second, and a draft in each."""
    first, second = WaveFactory(), WaveFactory()
    submitted(first, NHS, submitted_at=london(2025, 7, 1, 12))
    submitted(first, POLICE, submitted_at=london(2025, 7, 2, 12))
    submitted(second, NHS, submitted_at=london(2025, 7, 2, 12))
    ResponseFactory(wave=first)
    ResponseFactory(wave=second)
    return first, second


def test_counts_by_borough_and_sector_honour_the_querysets_filter(responses):
    first, _ = responses
    nhs = Response.objects.filter(sector="nhs")
    assert nhs.submitted_count_by_borough_and_sector() == {
        ("camden", "nhs"): 2,
        ("hackney", "nhs"): 2,
    }
    assert Response.objects.for_wave(first).submitted_count_by_borough_and_sector() == {
        ("camden", "nhs"): 1,
        ("hackney", "nhs"): 1,
        ("camden", "met_police"): 1,
    }


def test_started_and_submitted_honour_the_querysets_filter(responses):
    first, second = responses
    days = Response.objects.for_wave(second).started_and_submitted_per_day()
    assert sum(started for _, started, _ in days) == 2
    assert [(day, n) for day, _, n in days if n] == [("2025-07-02", 1)]
    assert Response.objects.for_wave(first).started_and_submitted_by_collector() == {
        None: (3, 2)
    }
    drafts = Response.objects.drafts().started_and_submitted_by_collector()
    assert drafts == {None: (2, 0)}
