"""The seed case studies load, cite their sources and load only once."""

import pytest

from casestudies.demo import load_seed, seed_demo
from casestudies.models import CaseStudy
from sources.models import Source

pytestmark = pytest.mark.django_db


def test_seed_loads_every_case_study_published_with_sources():
    entries = load_seed()
    lines = seed_demo()
    assert CaseStudy.objects.published().count() == len(entries)
    documented = CaseStudy.objects.filter(is_illustrative=False)
    assert documented.count() >= 9
    assert all(case_study.sources.exists() for case_study in documented)
    assert f"Case studies: {len(entries)} created" in "\n".join(lines)


def test_illustrative_examples_are_marked_and_cite_nothing():
    seed_demo()
    illustrative = CaseStudy.objects.filter(is_illustrative=True)
    assert illustrative.count() >= 3
    assert all(c.title.startswith("Illustrative example") for c in illustrative)
    assert all(c.evidence == "illustrative" for c in illustrative)
    assert not Source.objects.filter(case_studies__in=illustrative).exists()
    assert not any(c.figures.exists() for c in illustrative)


def test_seed_is_idempotent_and_keeps_editors_changes():
    seed_demo()
    case_study = CaseStudy.objects.first()
    CaseStudy.objects.filter(pk=case_study.pk).update(title="Edited by staff")
    counts = (CaseStudy.objects.count(), Source.objects.count())
    lines = seed_demo()
    assert (CaseStudy.objects.count(), Source.objects.count()) == counts
    assert CaseStudy.objects.get(pk=case_study.pk).title == "Edited by staff"
    assert "Case studies: 0 created" in "\n".join(lines)
    assert f"left alone (edited by staff): {case_study.slug}" in "\n".join(lines)


def test_seeded_library_answers_the_practitioner_questions():
    seed_demo()
    policing_choice = CaseStudy.objects.published().filtered(
        sectors=["policing"], principles=["choice"]
    )
    assert policing_choice.exists()
    custody = list(CaseStudy.objects.published().search("custody")[:2])
    assert "custody" in custody[0].title.lower()
    assert (
        CaseStudy.objects.search("patrolling")
        .filter(slug="hampshire-trauma-informed-practitioners-on-patrol")
        .exists()
    )


def test_seeded_sources_published_online_link_to_them(client):
    seed_demo()
    home_office = Source.objects.get(code="home-office-learning-from-experience")
    assert home_office.case_studies.count() >= 4
    assert home_office.url.startswith("https://www.gov.uk/")
    for source in Source.objects.exclude(url=""):
        source.full_clean()
    case_study = home_office.case_studies.first()
    html = client.get(case_study.get_absolute_url()).content.decode()
    assert f'href="{home_office.url}"' in html


def test_illustrative_examples_are_pan_london_never_a_real_borough():
    illustrative = [entry for entry in load_seed() if entry.get("illustrative")]
    assert len(illustrative) >= 3
    assert all(entry["places"] == ["pan_london"] for entry in illustrative)
    seed_demo()
    places = CaseStudy.objects.filter(is_illustrative=True).values_list(
        "places", flat=True
    )
    assert set(map(tuple, places)) == {("pan_london",)}
