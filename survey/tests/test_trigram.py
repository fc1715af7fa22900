"""The trigram index is part of every schema, and its migration says what to fix."""

import importlib

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("survey.migrations.0012_response_trigram_index")


def _one(sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def test_the_trigram_index_is_in_the_schema():
    assert _one("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
    (definition,) = _one(
        "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
        ["survey_resp_search_trgm"],
    )
    assert "USING gin (upper(search_text) gin_trgm_ops)" in definition


def test_a_role_that_may_not_create_the_extension_is_told_the_fix():
    # All inside the test's transaction, rolled back afterwards.
    with connection.cursor() as cursor:
        cursor.execute("DROP EXTENSION pg_trgm CASCADE")
        cursor.execute("CREATE ROLE til_test_no_create NOLOGIN")
        cursor.execute("SET ROLE til_test_no_create")
    try:
        with (
            pytest.raises(ImproperlyConfigured, match="CREATE EXTENSION pg_trgm"),
            connection.schema_editor() as editor,
        ):
            MIGRATION.trigram_extension_create(None, editor)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")


def test_an_existing_extension_needs_no_permission():
    with connection.cursor() as cursor:
        cursor.execute("CREATE ROLE til_test_no_create NOLOGIN")
        cursor.execute("SET ROLE til_test_no_create")
    try:
        with connection.schema_editor() as editor:
            MIGRATION.trigram_extension_create(None, editor)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
