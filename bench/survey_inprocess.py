"""Take whole surveys in one process, through Django's test client, for counting.

Run by bench/bench_survey_instructions.py under valgrind, from the root of the
project being measured (this one, or an earlier commit checked out beside it):
``python survey_inprocess.py SURVEYS``. Each survey starts a draft, answers
every page, checks answers, submits and reads its confirmation, as the Locust
respondents do, but with no server and no network, so the instructions counted
are Django's and the project's (and the test client's, the same on both sides).
"""

import importlib.util
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlencode

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM = "application/x-www-form-urlencoded"


def _answers() -> dict:
    # Beside this file, whichever project is being measured.
    path = Path(__file__).with_name("survey_answers.py")
    spec = importlib.util.spec_from_file_location("survey_answers", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ANSWERS


def take_survey(client, wave: str, answers: dict) -> None:
    """One whole survey, as a browser posting urlencoded forms would take it."""

    def post(url, data):
        response = client.post(url, urlencode(data, doseq=True), content_type=FORM)
        assert response.status_code == 302, (url, response.status_code)
        return response["Location"]

    page = client.get(f"/survey/{wave}/")
    token = CSRF.search(page.content.decode()).group(1)
    location = post(f"/survey/{wave}/begin/", {"csrfmiddlewaretoken": token})
    for _ in range(30):
        client.get(location)
        if location.endswith("/check-answers/"):
            break
        location = post(location, {"csrfmiddlewaretoken": token, **answers})
    confirmation = post(f"/survey/{wave}/submit/", {"csrfmiddlewaretoken": token})
    assert b"TIL-" in client.get(confirmation).content


def main(surveys: int) -> None:
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.survey_settings")
    import django

    django.setup()
    from django.test import Client

    answers = _answers()
    for _ in range(surveys):
        take_survey(Client(HTTP_HOST="127.0.0.1"), "demo", answers)


if __name__ == "__main__":
    main(int(sys.argv[1]))
