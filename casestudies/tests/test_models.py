"""Tests for the CaseStudy and Source models."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from casestudies.models import CaseStudy
from casestudies.tests.factories import CaseStudyFactory, CitationFactory
from vocabulary.choices import Borough

pytestmark = pytest.mark.django_db


def test_str_is_the_title():
    assert str(CaseStudyFactory(title="Custody in Leeds")) == "Custody in Leeds"


def test_absolute_and_preview_urls_use_the_slug():
    case_study = CaseStudyFactory(slug="custody-leeds")
    assert case_study.get_absolute_url() == "/case-studies/custody-leeds/"
    assert case_study.get_preview_url() == "/case-studies/custody-leeds/preview/"


@pytest.mark.parametrize(
    ("started", "ended", "expected"),
    [
        ("2021-09", "2025", "September 2021 to 2025"),
        ("2020-06", "", "From June 2020"),
        ("", "2020", "Until 2020"),
        ("", "", ""),
    ],
)
def test_period_is_written_in_words(started, ended, expected):
    assert CaseStudy(started=started, ended=ended).period() == expected


def test_tag_groups_label_every_tag_and_skip_empty_facets():
    case_study = CaseStudyFactory.build(
        principles=["choice", "safety"], domains=[], components=[]
    )
    groups = {group["name"]: group for group in case_study.tag_groups()}
    assert groups["principles"]["tags"] == [("choice", "Choice"), ("safety", "Safety")]
    assert groups["evidence"]["tags"] == [
        ("practitioner_reported", "Practitioner-reported")
    ]
    assert "domains" not in groups


def test_image_without_alt_text_is_refused_by_the_database():
    with (
        pytest.raises(IntegrityError, match="casestudy_image_needs_alt"),
        transaction.atomic(),
    ):
        CaseStudyFactory(image="case-studies/mural.png", image_alt="")


def test_image_with_alt_text_is_accepted():
    case_study = CaseStudyFactory(
        image="case-studies/mural.png", image_alt="A calming mural in a cell"
    )
    assert case_study.image_alt


def test_published_case_study_needs_a_publication_date():
    with (
        pytest.raises(IntegrityError, match="casestudy_published_has_date"),
        transaction.atomic(),
    ):
        CaseStudyFactory(status=CaseStudy.Status.PUBLISHED, published_at=None)


def test_outside_london_needs_the_place_in_words():
    with (
        pytest.raises(IntegrityError, match="casestudy_outside_london_named"),
        transaction.atomic(),
    ):
        CaseStudyFactory(places=[Borough.OUTSIDE_LONDON], place_detail="")


def test_period_must_be_a_year_or_year_and_month():
    case_study = CaseStudyFactory.build(started="Sept 2021")
    with pytest.raises(ValidationError) as error:
        case_study.full_clean()
    assert "started" in error.value.message_dict


def test_unknown_tag_code_fails_validation():
    case_study = CaseStudyFactory.build(principles=["choice", "kindness"])
    with pytest.raises(ValidationError) as error:
        case_study.full_clean()
    assert "principles" in error.value.message_dict


def test_search_vector_follows_every_kind_of_write():
    case_study = CaseStudyFactory(title="Family hubs", summary="x", body="y")
    assert CaseStudy.objects.search("hubs").get() == case_study
    CaseStudy.objects.filter(pk=case_study.pk).update(body="Murals in custody")
    assert CaseStudy.objects.search("murals").get() == case_study


def test_sources_are_listed_in_their_order():
    case_study = CaseStudyFactory()
    second = CitationFactory(case_study=case_study, order=2)
    first = CitationFactory(case_study=case_study, order=1)
    assert case_study.numbered_sources() == [(1, first.source), (2, second.source)]


def test_related_prefers_case_studies_sharing_more_tags():
    case_study = CaseStudyFactory(
        principles=["choice", "trust"], rs=["respond"], sectors=["policing"]
    )
    close = CaseStudyFactory(
        principles=["choice", "trust"], rs=["respond"], sectors=["nhs"]
    )
    distant = CaseStudyFactory(principles=["choice"], rs=["realise"], sectors=["nhs"])
    CaseStudyFactory(
        principles=["empowerment"], rs=["realise"], sectors=["vcs"], domains=[]
    )
    CaseStudyFactory(principles=["choice", "trust"], rs=["respond"], draft=True)
    assert list(case_study.related()) == [close, distant]


def test_place_names_name_the_place_outside_london():
    case_study = CaseStudy(
        places=[Borough.HACKNEY, Borough.OUTSIDE_LONDON], place_detail="Lancashire"
    )
    assert case_study.place_names() == "Hackney, Lancashire"
    assert CaseStudy(places=[Borough.PAN_LONDON]).place_names() == "Pan-London"
