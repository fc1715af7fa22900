"""Fixtures for the roadmap's tests."""

import pytest

from roadmap.services import roadmap_content_load


@pytest.fixture
def content(db):
    """The real roadmap content, loaded from the repository's file."""
    roadmap_content_load()
