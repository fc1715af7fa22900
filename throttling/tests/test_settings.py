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
    env = {key: value for key, value in os.environ.items() if key != "TRUSTED_PROXIES"}
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
        # The old name is no longer read.
        ({"SURVEY_TRUSTED_PROXIES": "2"}, 0),
    ],
)
def test_trusted_proxies_is_read_from_its_one_name(environment, expected):
    assert _trusted_proxies(**environment) == expected
