"""Exports read from the replica when there is one, in constant memory behind a pool."""

import csv
import io

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEvent
from survey.exports import rows as export_rows
from survey.exports.service import responses_export
from survey.models import Response
from survey.tests.factories import submitted

ROUTER = "tilondon.replica.ReplicaRouter"


def _export(wave) -> bytes:
    buffer = io.BytesIO()
    responses_export(
        queryset=Response.objects.filter(wave=wave),
        file_format="csv",
        output=buffer,
        username="test",
    )
    return buffer.getvalue()


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_an_export_reads_from_the_replica_and_records_on_the_primary(
    open_wave, settings
):
    settings.DATABASE_ROUTERS = [ROUTER]
    for _ in range(3):
        submitted(open_wave)
    with (
        CaptureQueriesContext(connections["replica"]) as replica,
        CaptureQueriesContext(connections["default"]) as primary,
    ):
        content = _export(open_wave)
    assert len(list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))) == 4
    assert any("survey_response" in query["sql"] for query in replica)
    assert not any("survey_response" in query["sql"] for query in primary)
    assert any("INSERT" in query["sql"] for query in primary)
    assert not any("INSERT" in query["sql"] for query in replica)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).count() == 1


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_without_the_router_everything_stays_on_the_primary(open_wave):
    submitted(open_wave)
    with CaptureQueriesContext(connections["replica"]) as replica:
        _export(open_wave)
    assert len(replica) == 0


@pytest.mark.django_db
def test_without_server_side_cursors_an_export_pages_by_key_with_the_same_rows(
    open_wave, monkeypatch
):
    monkeypatch.setattr(export_rows, "CHUNK_SIZE", 2)
    for _ in range(5):
        submitted(open_wave)
    streamed = _export(open_wave)
    connection = connections["default"]
    monkeypatch.setitem(connection.settings_dict, "DISABLE_SERVER_SIDE_CURSORS", True)
    with CaptureQueriesContext(connection) as queries:
        paged = _export(open_wave)
    assert paged == streamed
    pages = [q for q in queries if "LIMIT 2" in q["sql"]]
    # Five rows in pages of two: 2, 2, 1, then an empty page ends it.
    assert len(pages) == 4
    assert not any("DECLARE" in q["sql"] for q in queries)
