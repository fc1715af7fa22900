"""Steps of the survey journey over HTTP, shared by the view tests."""

import datetime as dt
import re
from http import HTTPStatus

from django.urls import reverse

from survey.models import Response
from survey.tests.factories import LONDON, browser_token


def begin(client, wave) -> str:
    """Begin a draft; return the first page's address."""
    response = client.post(reverse("survey:begin", args=[wave.slug]), {"website": ""})
    assert response.status_code == HTTPStatus.FOUND
    return response["Location"]


def token_of(client, wave) -> str:
    """The resume token the client's survey cookie holds for a wave."""
    return browser_token(client, wave)


def draft_of(client, wave) -> Response:
    """The client's response to a wave."""
    return Response.objects.with_token(token_of(client, wave)).get()


def step_url(wave, key: str) -> str:
    """The address of a page of questions."""
    return reverse("survey:step", args=[wave.slug, key])


def complete(client, wave, **answers) -> str:
    """Answer every page with sensible defaults; return the check-answers URL."""
    data = {
        "consent": "on",
        "sector": "nhs",
        "nhs_icb": "north_east",
        "answering_for": "team",
        "team_size": "under_10",
        "has_example": "yes",
        "example_description": "Our <b>reflective</b> sessions",
        "contact": "no",
        **answers,
    }
    location = begin(client, wave)
    for _ in range(30):
        response = client.post(location, data)
        assert response.status_code == HTTPStatus.FOUND, response.content[:500]
        location = response["Location"]
        if location.endswith("/check-answers/"):
            return location
    raise AssertionError("The survey did not reach check answers.")


def close(wave) -> None:
    """Move a wave's dates into the past: open 2024-25, closed now."""
    wave.opens_at = dt.datetime(2024, 11, 1, tzinfo=LONDON)
    wave.closes_at = dt.datetime(2025, 1, 11, tzinfo=LONDON)
    wave.retention_until = dt.date(2026, 1, 31)
    wave.save()


def error_summary_targets(html: str) -> list[str]:
    """The error summary's targets, each asserted to be an element on the page."""
    summary = html[html.index("govuk-error-summary") :]
    targets = re.findall(r'<a href="#([^"]+)">', summary[: summary.index("</ul>")])
    assert targets
    for target in targets:
        assert f'id="{target}"' in html, target
    return targets
