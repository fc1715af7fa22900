"""Factories for sources."""

import factory
from factory.django import DjangoModelFactory

from sources.models import Source, SourceKind


class SourceFactory(DjangoModelFactory[Source]):
    """A published source."""

    class Meta:
        model = Source
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"source-{n}")
    title = factory.Sequence(lambda n: f"Report {n}")
    author = "Home Office"
    published = "2024-01-30"
    kind = SourceKind.GOVERNMENT_GUIDANCE
