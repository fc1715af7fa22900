"""A findings build counts the responses on the replica when there is one."""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from findings.services import release_snapshot

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


def test_a_findings_build_counts_responses_on_the_replica(release, settings):
    settings.DATABASE_ROUTERS = ["tilondon.replica.ReplicaRouter"]
    with (
        CaptureQueriesContext(connections["replica"]) as replica,
        CaptureQueriesContext(connections["default"]) as primary,
    ):
        snapshot = release_snapshot(release=release)
    assert snapshot["respondents"]["count"] == 120
    assert any("FILTER (WHERE boroughs &&" in query["sql"] for query in replica)
    assert not any("FILTER (WHERE boroughs &&" in query["sql"] for query in primary)
    assert any("survey_answercount" in query["sql"] for query in replica)
    assert not any("survey_answercount" in query["sql"] for query in primary)


def test_primary_reads_keeps_a_findings_build_on_the_primary(release, settings):
    """For a transaction that reads its own uncommitted writes, as the demo does."""
    from tilondon.replica import primary_reads

    settings.DATABASE_ROUTERS = ["tilondon.replica.ReplicaRouter"]
    with (
        CaptureQueriesContext(connections["replica"]) as replica,
        CaptureQueriesContext(connections["default"]) as primary,
        primary_reads(),
    ):
        snapshot = release_snapshot(release=release)
    assert snapshot["respondents"]["count"] == 120
    assert not any("FILTER (WHERE boroughs &&" in query["sql"] for query in replica)
    assert any("FILTER (WHERE boroughs &&" in query["sql"] for query in primary)
