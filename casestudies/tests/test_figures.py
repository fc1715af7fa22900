"""Every number a sourced case study states is in its figures, with a source."""

import pytest

from casestudies.demo import seed_demo
from casestudies.models import CaseStudy
from casestudies.tests.factories import CaseStudyFactory, FigureFactory

pytestmark = pytest.mark.django_db


def test_every_number_in_a_seeded_sourced_case_study_is_a_listed_figure():
    seed_demo()
    sourced = CaseStudy.objects.published().filter(is_illustrative=False)
    assert sourced.count() >= 9
    untraced = {c.slug: c.untraced_numbers() for c in sourced}
    assert {slug: n for slug, n in untraced.items() if n} == {}


def test_a_number_missing_from_the_figures_is_found():
    case_study = CaseStudyFactory(
        title="Referrals",
        summary="Referrals fell from 42% to 7% in 2019.",
        body="No other numbers.",
    )
    FigureFactory(case_study=case_study, text="42% to 7%")
    assert case_study.untraced_numbers() == {"2019"}


def test_illustrative_examples_are_exempt():
    case_study = CaseStudyFactory(
        summary="Illustrative: 12 staff.", is_illustrative=True, evidence="illustrative"
    )
    assert case_study.untraced_numbers() == set()


def test_every_seeded_sourced_case_study_cites_a_source_and_each_figure_has_one():
    seed_demo()
    for case_study in CaseStudy.objects.filter(is_illustrative=False):
        assert case_study.numbered_sources(), case_study.slug
        for figure in case_study.figures.all():
            assert figure.location
            assert figure.source in {s for _, s in case_study.numbered_sources()}
