"""The dashboard counts responses on the replica when there is one."""

from http import HTTPStatus

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from survey.tests.factories import submitted

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


def test_the_dashboard_reads_responses_from_the_replica(
    analyst_client, open_wave, settings
):
    settings.DATABASE_ROUTERS = ["tilondon.replica.ReplicaRouter"]
    submitted(open_wave)
    with (
        CaptureQueriesContext(connections["replica"]) as replica,
        CaptureQueriesContext(connections["default"]) as primary,
    ):
        page = analyst_client.get(reverse("admin:dashboard"), {"wave": open_wave.slug})
    assert page.status_code == HTTPStatus.OK
    assert any("survey_response" in query["sql"] for query in replica)
    # The primary still serves the session, the user and their permissions.
    assert not any("survey_response" in query["sql"] for query in primary)
