"""Shared pytest fixtures for every app."""

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Keep uploaded files from tests out of the project's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
