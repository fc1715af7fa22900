"""Fixtures for tests that cross apps: findings fixtures and the roadmap content."""

import pytest

from findings.tests.conftest import release, wave
from roadmap.services import roadmap_content_load

__all__ = ["content", "release", "wave"]


@pytest.fixture
def content(db):
    """The real roadmap content (phases, areas), for pages that link to it."""
    roadmap_content_load()
