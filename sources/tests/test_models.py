"""Sources: partial dates, the model's rules and numbered citations."""

import pytest
from django.core.exceptions import ValidationError

from sources.models import Citations, Source
from sources.tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("published", "shown", "year"),
    [
        ("2024-01-30", "30 January 2024", "2024"),
        ("2025-12", "December 2025", "2025"),
        ("2014", "2014", "2014"),
        ("", "", ""),
    ],
)
def test_a_date_shows_only_as_much_as_the_source_gives(published, shown, year):
    source = SourceFactory.build(published=published)
    assert source.published_display() == shown
    assert source.year == year


@pytest.mark.parametrize("published", ["30/01/2024", "2024-13", "24", "2024-02-32"])
def test_a_malformed_date_is_refused(published):
    with pytest.raises(ValidationError) as error:
        SourceFactory.build(published=published).full_clean()
    assert "published" in error.value.message_dict


def test_a_source_needs_a_title():
    with pytest.raises(ValidationError) as error:
        SourceFactory.build(title="").full_clean()
    assert "title" in error.value.message_dict


def test_a_resource_must_say_what_it_is_good_for():
    with pytest.raises(ValidationError, match="Say what the resource is good for"):
        SourceFactory.build(is_resource=True, good_for="").full_clean()


def test_citations_number_sources_in_the_order_first_cited():
    first, second = SourceFactory(code="first"), SourceFactory(code="second")
    citations = Citations.for_codes(["first", "second", "missing"])
    assert citations.cite("second") == 1
    assert citations.cite("first") == 2
    assert citations.cite("second") == 1
    assert citations.cite("missing") is None
    assert citations.listed() == [(1, second), (2, first)]


def test_resources_come_in_their_curated_order():
    SourceFactory(title="B", is_resource=True, good_for="x", resource_order=2)
    SourceFactory(title="A", is_resource=True, good_for="x", resource_order=1)
    SourceFactory(title="Not a resource")
    assert [s.title for s in Source.objects.resources()] == ["A", "B"]
