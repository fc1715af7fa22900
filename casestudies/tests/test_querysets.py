"""Tests for CaseStudy.objects: publication, search, filters, facets, tags."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from casestudies.models import FACETS, CaseStudy
from casestudies.tests.factories import CaseStudyFactory

DAY = datetime.timedelta(days=1)

pytestmark = pytest.mark.django_db


def test_published_leaves_out_drafts():
    published = CaseStudyFactory()
    CaseStudyFactory(draft=True)
    assert list(CaseStudy.objects.published()) == [published]


def test_search_ranks_title_matches_about_custody_first():
    passing = CaseStudyFactory(
        title="Family hubs",
        summary="Families tell their story once.",
        body="A short note mentions custody in passing.",
    )
    custody = CaseStudyFactory(
        title="Trauma-informed custody",
        summary="Custody staff made custody suites calmer.",
        body="Murals and clocks in custody.",
    )
    CaseStudyFactory(title="Street and Arrow", summary="A café.", body="Mentors.")
    assert list(CaseStudy.objects.published().search("custody")) == [custody, passing]


def test_search_uses_english_stemming():
    patrol = CaseStudyFactory(title="Practitioners on patrol", body="Response teams.")
    CaseStudyFactory(title="Custody", body="Booklets.")
    assert list(CaseStudy.objects.search("patrolling")) == [patrol]


def test_search_understands_web_search_syntax():
    police = CaseStudyFactory(title="Custody training for police officers")
    nurses = CaseStudyFactory(title="Custody training for nurses")
    CaseStudyFactory(title="Training in schools", body="Staff wellbeing.")
    assert set(CaseStudy.objects.search("custody -police")) == {nurses}
    assert set(CaseStudy.objects.search('"custody training"')) == {police, nurses}
    assert set(CaseStudy.objects.search("nurses or officers")) == {police, nurses}


def test_search_finds_words_in_outcomes_and_evidence_note():
    case_study = CaseStudyFactory(
        outcomes="- Referrals fell sharply.", evidence_note="Evaluated by a university."
    )
    assert list(CaseStudy.objects.search("referral")) == [case_study]
    assert list(CaseStudy.objects.search("university")) == [case_study]


def test_blank_search_returns_everything_unchanged():
    CaseStudyFactory.create_batch(2)
    assert CaseStudy.objects.search("  ").count() == 2


def test_search_with_only_punctuation_or_stop_words_finds_nothing_and_does_not_fail():
    CaseStudyFactory(title="The custody suite")
    assert list(CaseStudy.objects.search("the")) == []
    assert list(CaseStudy.objects.search('"" -- ( ) :*')) == []


def test_filtered_ors_values_within_a_facet_and_ands_facets():
    policing_choice = CaseStudyFactory(sectors=["policing"], principles=["choice"])
    nhs_choice = CaseStudyFactory(sectors=["nhs"], principles=["choice", "trust"])
    CaseStudyFactory(sectors=["policing"], principles=["safety"])
    CaseStudyFactory(sectors=["education"], principles=["choice"])
    either_sector = CaseStudy.objects.filtered(
        sectors=["policing", "nhs"], principles=["choice"]
    )
    assert set(either_sector) == {policing_choice, nhs_choice}
    assert list(
        CaseStudy.objects.filtered(sectors=["policing"], principles=["choice"])
    ) == [policing_choice]


def test_filtered_on_evidence_matches_the_single_value():
    evaluated = CaseStudyFactory(evidence="independently_evaluated")
    CaseStudyFactory(evidence="practitioner_reported")
    assert list(CaseStudy.objects.filtered(evidence=["independently_evaluated"])) == [
        evaluated
    ]


def test_filtered_with_no_values_filters_nothing():
    CaseStudyFactory.create_batch(2)
    assert CaseStudy.objects.filtered(sectors=[], places=[]).count() == 2


def test_filtered_refuses_an_unknown_facet():
    with pytest.raises(TypeError):
        CaseStudy.objects.filtered(colour=["red"])


def test_facet_counts_cover_every_facet_in_one_query(django_assert_max_num_queries):
    CaseStudyFactory(
        sectors=["policing", "nhs"],
        places=["outside_london"],
        place_detail="Lancashire",
    )
    CaseStudyFactory(sectors=["policing"], places=["hackney"])
    with django_assert_max_num_queries(1):
        counts = CaseStudy.objects.published().facet_counts()
    assert set(counts) == set(FACETS)
    assert counts["sectors"] == {"policing": 2, "nhs": 1}
    assert counts["places"] == {"outside_london": 1, "hackney": 1}
    assert counts["evidence"] == {"practitioner_reported": 2}


def test_facet_counts_apply_other_facets_but_not_their_own():
    CaseStudyFactory(sectors=["policing"], principles=["choice"])
    CaseStudyFactory(sectors=["nhs"], principles=["choice"])
    CaseStudyFactory(sectors=["nhs"], principles=["safety"])
    counts = CaseStudy.objects.facet_counts(
        {"sectors": ["policing"], "principles": ["choice"]}
    )
    # Sector counts see the principle filter only, so ticking NHS would add one.
    assert counts["sectors"] == {"policing": 1, "nhs": 1}
    # Principle counts see the sector filter only.
    assert counts["principles"] == {"choice": 1}
    # Other facets see both filters.
    assert counts["rs"] == {"realise": 1}


def test_facet_counts_respect_the_search():
    CaseStudyFactory(title="Custody", sectors=["policing"])
    CaseStudyFactory(title="Schools", sectors=["education"])
    counts = CaseStudy.objects.search("custody").facet_counts()
    assert counts["sectors"] == {"policing": 1}


def test_tagged_orders_by_number_of_shared_tags():
    one = CaseStudyFactory(domains=["workforce_wellbeing"], rs=["realise"])
    three = CaseStudyFactory(
        domains=["workforce_wellbeing", "policy_procedure"], rs=["respond"]
    )
    two = CaseStudyFactory(domains=["policy_procedure"], rs=["respond"])
    CaseStudyFactory(domains=["lived_experience"], rs=["recognise"])
    result = list(
        CaseStudy.objects.tagged(
            domains=["workforce_wellbeing", "policy_procedure"], rs=["respond"]
        )
    )
    assert result == [three, two, one]
    assert [c.shared_tags for c in result] == [3, 2, 1]


def test_tagged_with_no_tags_is_empty():
    CaseStudyFactory()
    assert not CaseStudy.objects.tagged(domains=[]).exists()


def test_publish_sets_the_date_once_and_unpublish_returns_to_draft():
    draft = CaseStudyFactory(draft=True)
    assert CaseStudy.objects.filter(pk=draft.pk).publish() == 1
    draft.refresh_from_db()
    first_date = draft.published_at
    assert draft.is_published and first_date
    CaseStudy.objects.filter(pk=draft.pk).unpublish()
    CaseStudy.objects.filter(pk=draft.pk).publish()
    draft.refresh_from_db()
    assert draft.published_at == first_date


def test_facet_counts_with_every_facet_ticked_still_count_each_facet():
    CaseStudyFactory(
        sectors=["nhs"],
        places=["camden"],
        evidence="internally_evaluated",
        components=["screening"],
    )
    CaseStudyFactory(sectors=["nhs"], places=["hackney"])
    counts = CaseStudy.objects.facet_counts(
        {
            "sectors": ["nhs"],
            "places": ["camden"],
            "evidence": ["internally_evaluated"],
            "components": ["screening"],
        }
    )
    assert counts["places"] == {"camden": 1}
    assert counts["evidence"] == {"internally_evaluated": 1}
    assert counts["sectors"] == {"nhs": 1}


def test_facet_counts_refuse_an_unknown_facet():
    with pytest.raises(TypeError):
        CaseStudy.objects.facet_counts({"colour": ["red"]})


def test_search_can_use_the_gin_index_on_the_search_vector():
    CaseStudyFactory.create_batch(20)
    CaseStudyFactory(title="Custody suites")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE casestudies_casestudy")
        # Tiny tables are read whole; forbid that so the plan shows the index.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = CaseStudy.objects.search("custody").explain()
    assert "casestudy_search_gin" in plan


def test_summaries_leave_the_long_text_in_the_database(django_assert_max_num_queries):
    CaseStudyFactory(title="Custody", body="Long body.")
    with django_assert_max_num_queries(1):
        case_study = CaseStudy.objects.summaries().get()
        assert case_study.title == "Custody"
        assert case_study.summary
    assert case_study.get_deferred_fields() == {
        "body",
        "outcomes",
        "evidence_note",
        "search_vector",
    }


def test_library_shows_the_strongest_evidence_first_and_newest_first_within():
    now = timezone.now()
    old_evaluated = CaseStudyFactory(
        title="Old", evidence="independently_evaluated", published_at=now - DAY * 9
    )
    illustrative = CaseStudyFactory(
        title="Made up", evidence="illustrative", is_illustrative=True, published_at=now
    )
    reported = CaseStudyFactory(title="Reported", evidence="practitioner_reported")
    internal = CaseStudyFactory(title="Internal", evidence="internally_evaluated")
    unattributed = CaseStudyFactory(title="Evaluator not named", evidence="evaluated")
    new_evaluated = CaseStudyFactory(
        title="New", evidence="independently_evaluated", published_at=now - DAY
    )
    assert list(CaseStudy.objects.published().evidence_first()) == [
        new_evaluated,
        old_evaluated,
        internal,
        unattributed,
        reported,
        illustrative,
    ]
