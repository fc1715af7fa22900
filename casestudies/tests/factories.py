"""Factories for case studies and their sources."""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from casestudies.models import CaseStudy, CaseStudySource, Figure
from sources.tests.factories import SourceFactory
from vocabulary.choices import Borough, Evidence, Principle, R, Sector


class CaseStudyFactory(DjangoModelFactory[CaseStudy]):
    """A published, documented case study with a few tags."""

    class Meta:
        model = CaseStudy
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Case study {n}")
    slug = factory.Sequence(lambda n: f"case-study-{n}")
    # Fixed wording, so searches in tests only match the words a test sets.
    summary = factory.Sequence(lambda n: f"Summary of example {n}.")
    body = factory.Sequence(lambda n: f"## What they did\n\nExample {n} in detail.")
    organisations = factory.LazyFunction(lambda: ["An organisation"])
    sectors = factory.LazyFunction(lambda: [Sector.LOCAL_AUTHORITY])
    places = factory.LazyFunction(lambda: [Borough.HACKNEY])
    rs = factory.LazyFunction(lambda: [R.REALISE])
    principles = factory.LazyFunction(lambda: [Principle.SAFETY])
    evidence = Evidence.PRACTITIONER_REPORTED
    status = CaseStudy.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(status=CaseStudy.Status.DRAFT, published_at=None)


class CitationFactory(DjangoModelFactory[CaseStudySource]):
    """A source cited by a case study."""

    class Meta:
        model = CaseStudySource
        skip_postgeneration_save = True

    case_study = factory.SubFactory(CaseStudyFactory)
    source = factory.SubFactory(SourceFactory)


class FigureFactory(DjangoModelFactory[Figure]):
    """A figure a case study states, with its source."""

    class Meta:
        model = Figure
        skip_postgeneration_save = True

    case_study = factory.SubFactory(CaseStudyFactory)
    text = "42%"
    source = factory.SubFactory(SourceFactory)
    location = "Page 3"
