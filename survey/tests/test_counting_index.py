"""The dashboard's counting index (migration 0014), applied and undone."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("survey", "0013_response_answer_view")]
AFTER = [("survey", "0014_response_counting_index")]


def _indexes() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes"
            " WHERE tablename = 'survey_response'"
        )
        return dict(cursor.fetchall())


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db
def test_the_counting_index_carries_every_column_the_dashboard_counts():
    definition = _indexes()["survey_resp_wave_counts"]
    assert "(wave_id, status)" in definition
    assert (
        "INCLUDE (id, sector, boroughs, started_at, submitted_at, collector_id)"
        in definition
    )
    assert "survey_resp_wave_status" not in _indexes()


@pytest.mark.django_db(transaction=True)
def test_undoing_the_migration_restores_the_index_it_replaced():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("survey")
    try:
        _migrate(BEFORE)
        indexes = _indexes()
        assert "survey_resp_wave_counts" not in indexes
        assert indexes["survey_resp_wave_status"].endswith(
            "USING btree (wave_id, status)"
        )
        _migrate(AFTER)
        indexes = _indexes()
        assert "survey_resp_wave_status" not in indexes
        assert "survey_resp_wave_counts" in indexes
    finally:
        _migrate(latest)
