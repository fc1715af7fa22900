"""Locust users for bench/bench_survey.py: respondents, and the bare baselines.

Each respondent starts a draft, answers every page, checks answers, submits and
reads the reference from the confirmation page; references go to a file so the
benchmark can check each one is in the database.
"""

import os
import re

from locust import HttpUser, constant, events, task

from bench.survey_answers import ANSWERS

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REFERENCE = re.compile(r"<strong class=\"til-nowrap\">(TIL-[A-Z0-9-]+)</strong>")
WAVE = os.environ.get("BENCH_WAVE", "demo")
REFERENCES_FILE = os.environ.get("BENCH_REFERENCES", "")


references: list[str] = []


@events.test_stop.add_listener
def _write_references(**_kwargs):
    if not REFERENCES_FILE:
        return
    with open(REFERENCES_FILE, "w") as handle:
        handle.write("\n".join(references))


class Respondent(HttpUser):
    """Takes the whole survey with no thinking time, then starts again."""

    wait_time = constant(0)

    def _csrf(self, body: str) -> str:
        match = CSRF.search(body)
        return match.group(1) if match else ""

    def _post(self, url: str, data: dict, name: str) -> str:
        """POST without following the redirect; return where it points."""
        with self.client.post(
            url, data=data, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"{url} answered {response.status_code}")
                return ""
            response.success()
            return response.headers.get("Location", "")

    @task
    def take_survey(self):
        client = self.client
        page = client.get(f"/survey/{WAVE}/", name="page view")
        location = self._post(
            f"/survey/{WAVE}/begin/",
            {"csrfmiddlewaretoken": self._csrf(page.text), "website": ""},
            "save answers",
        )
        for _ in range(30):
            if not location:
                return
            page = client.get(location, name="page view")
            if location.endswith("/check-answers/"):
                break
            data = {"csrfmiddlewaretoken": self._csrf(page.text), **ANSWERS}
            location = self._post(location, data, "save answers")
        else:
            return
        location = self._post(
            f"/survey/{WAVE}/submit/",
            {"csrfmiddlewaretoken": self._csrf(page.text), "website": ""},
            "submit",
        )
        if not location:
            return
        confirmation = client.get(location, name="page view")
        match = REFERENCE.search(confirmation.text)
        if match:
            references.append(match.group(1))


class BareInsert(HttpUser):
    """Posts to the bare one-INSERT view as fast as it answers."""

    wait_time = constant(0)

    @task
    def insert(self):
        self.client.post(
            "/bench/bare-insert/", data={"payload": "x"}, name="bare insert"
        )


class BarePage(HttpUser):
    """Reads the bare page (base template, one query) as fast as it answers."""

    wait_time = constant(0)

    @task
    def page(self):
        self.client.get("/bench/bare-page/", name="bare page")
