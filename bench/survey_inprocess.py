"""Take whole surveys in one process, through Django's test client, for counting.

Run by bench/bench_survey_instructions.py under valgrind:
``python bench/survey_inprocess.py SURVEYS`` takes whole surveys, and
``python bench/survey_inprocess.py SURVEYS bare`` makes as many requests to the
bare page (bench/survey_urls.py) as those surveys would. Each survey starts a
draft, answers every page, checks answers, submits and reads its confirmation,
as the Locust respondents do, but with no server and no network, so the
instructions counted are Django's and the project's (and the test client's,
the same for the bare page). Prints the requests one survey makes.
"""

import os
import re
import sys
from urllib.parse import urlencode

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM = "application/x-www-form-urlencoded"


def take_survey(client, wave: str, answers: dict) -> int:
    """One whole survey, as a browser posting urlencoded forms would take it.

    Returns the number of requests it made.
    """
    requests = 0

    def get(url):
        nonlocal requests
        requests += 1
        return client.get(url)

    def post(url, data):
        nonlocal requests
        requests += 1
        response = client.post(url, urlencode(data, doseq=True), content_type=FORM)
        assert response.status_code == 302, (url, response.status_code)
        return response["Location"]

    page = get(f"/survey/{wave}/")
    token = CSRF.search(page.content.decode()).group(1)
    location = post(f"/survey/{wave}/begin/", {"csrfmiddlewaretoken": token})
    for _ in range(30):
        get(location)
        if location.endswith("/check-answers/"):
            break
        location = post(location, {"csrfmiddlewaretoken": token, **answers})
    confirmation = post(f"/survey/{wave}/submit/", {"csrfmiddlewaretoken": token})
    assert b"TIL-" in get(confirmation).content
    return requests


def bare_pages(client, count: int) -> None:
    """``count`` requests to the bare page: the base template and one query."""
    for _ in range(count):
        assert client.get("/bench/bare-page/").status_code == 200


def main(surveys: int, bare: bool = False) -> None:
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.survey_settings")
    import django

    django.setup()
    from django.test import Client

    from bench.survey_answers import ANSWERS as answers

    # One survey, always outside the count's difference, says how many
    # requests a survey makes; the bare page gets as many per survey.
    requests = take_survey(Client(HTTP_HOST="127.0.0.1"), "demo", answers)
    for _ in range(surveys - 1):
        if bare:
            bare_pages(Client(HTTP_HOST="127.0.0.1"), requests)
        else:
            take_survey(Client(HTTP_HOST="127.0.0.1"), "demo", answers)
    print(f"requests per survey: {requests}")


if __name__ == "__main__":
    main(int(sys.argv[1]), bare=sys.argv[2:] == ["bare"])
