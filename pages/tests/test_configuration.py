"""Local state that must never be committed is git-ignored."""

import subprocess

import pytest
from django.conf import settings


@pytest.mark.parametrize(
    "path", ["media/case-studies/photo.jpg", ".pgdata/PG_VERSION", ".env"]
)
def test_default_local_folders_are_git_ignored(path):
    result = subprocess.run(  # noqa: S603 - fixed arguments
        ["git", "check-ignore", "--no-index", "--quiet", path],  # noqa: S607
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert result.returncode == 0, f"{path} is not git-ignored"
