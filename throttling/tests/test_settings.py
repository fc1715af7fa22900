"""TRUSTED_PROXIES is read from the environment, under its old name too."""

import os
import subprocess
import sys

import pytest

READ_SETTING = (
    "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'tilondon.settings'; "
    "from django.conf import settings; print(settings.TRUSTED_PROXIES)"
)


def _trusted_proxies(**environment) -> int:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("TRUSTED_PROXIES", "SURVEY_TRUSTED_PROXIES")
    }
    # A database address, so reading the settings starts no embedded server.
    env |= {"DATABASE_URL": "postgres://nobody@localhost/none", **environment}
    result = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", READ_SETTING],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, 0),
        ({"TRUSTED_PROXIES": "1"}, 1),
        ({"SURVEY_TRUSTED_PROXIES": "2"}, 2),
        ({"TRUSTED_PROXIES": "1", "SURVEY_TRUSTED_PROXIES": "2"}, 1),
    ],
)
def test_the_old_name_still_sets_the_proxies_the_new_one_wins(environment, expected):
    assert _trusted_proxies(**environment) == expected
