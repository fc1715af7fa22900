"""Configuration: local state git-ignored, make's Python 3.11, and settings read
from the environment."""

import os
import subprocess
import sys

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


def _make_python(python: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - fixed arguments
        ["make", "--no-print-directory", "python", f"PYTHON={python}"],  # noqa: S607
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_make_refuses_a_python_other_than_3_11(tmp_path):
    other = tmp_path / "python"
    other.write_text("#!/bin/sh\necho 3.12\n")
    other.chmod(0o755)
    result = _make_python(str(other))
    assert result.returncode != 0
    assert f"Python 3.11 is needed: '{other}' is Python 3.12." in result.stdout


def test_make_says_when_python_3_11_is_missing(tmp_path):
    result = _make_python(str(tmp_path / "no-such-python"))
    assert result.returncode != 0
    assert "Python 3.11 is needed" in result.stdout
    assert "was not found" in result.stdout


def test_make_accepts_python_3_11():
    result = _make_python("python3.11")
    assert result.returncode == 0, result.stdout + result.stderr


def test_make_serve_says_it_needs_a_buffering_proxy_and_redacts_its_access_log():
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "serve"],  # noqa: S607
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "put a buffering proxy in front" in result.stdout
    assert "gunicorn tilondon.wsgi -c deploy/gunicorn.conf.py" in result.stdout
    config = (settings.BASE_DIR / "deploy" / "gunicorn.conf.py").read_text()
    assert 'logger_class = "pages.redaction.RedactingGunicornLogger"' in config


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, "[]"), ("", "[]"), ("old-key-1,old-key-2", "['old-key-1', 'old-key-2']")],
)
def test_secret_key_fallbacks_are_read_from_the_environment(value, expected):
    # A key rotation (docs/operations.md) keeps the retired key here a while.
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY_FALLBACKS"}
    if value is not None:
        env["SECRET_KEY_FALLBACKS"] = value
    env["DJANGO_SETTINGS_MODULE"] = "tilondon.settings"
    result = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.SECRET_KEY_FALLBACKS)",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
