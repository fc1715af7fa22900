"""Response.search_text: the free text the admin searches, trigram-indexed.

A GIN full-text index ('simple' configuration) narrows a search to rows with
the term's words; where PostgreSQL has pg_trgm, a GIN trigram index on
UPPER(search_text) is made too (outside the model state, as not every
PostgreSQL build has the extension).

The backfill repeats the rules of ``survey.models.search_text_for`` (a
migration must not import today's model code): the organisation, then the
answers to short and long text questions and "Other" boxes, in key order.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

BATCH = 2000
TEXT_TYPES = ("short_text", "long_text")
TRIGRAM_INDEX = "survey_resp_search_trgm"


def search_text_backfill(apps, schema_editor):
    Question = apps.get_model("survey", "Question")
    Response = apps.get_model("survey", "Response")
    keys_by_wave: dict[int, set[str]] = {}
    for wave_id, code, qtype, other in Question.objects.values_list(
        "wave_id", "code", "type", "other_text"
    ):
        keys = keys_by_wave.setdefault(wave_id, set())
        if qtype in TEXT_TYPES:
            keys.add(code)
        if other:
            keys.add(f"{code}_other")
    batch = []
    for response in Response.objects.only(
        "pk", "wave_id", "answers", "organisation"
    ).iterator(chunk_size=BATCH):
        answers = response.answers if isinstance(response.answers, dict) else {}
        organisation = response.organisation
        parts = [organisation] if organisation else []
        for key in sorted(keys_by_wave.get(response.wave_id, ())):
            value = answers.get(key)
            if isinstance(value, str) and value.strip() and value != organisation:
                parts.append(value)
        response.search_text = "\n".join(parts)
        batch.append(response)
        if len(batch) == BATCH:
            Response.objects.bulk_update(batch, ["search_text"])
            batch = []
    if batch:
        Response.objects.bulk_update(batch, ["search_text"])


def trigram_index_create(apps, schema_editor):
    # icontains compiles to UPPER(col) LIKE UPPER(%s), which a GIN trigram
    # index on UPPER(col) serves. pg_trgm ships with PostgreSQL's contrib
    # modules, but not with every build (the embedded development server has
    # none), so the index is made only where the extension can be; elsewhere
    # the search scans the one narrow column.
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'"
        )
        if cursor.fetchone() is None:
            return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON survey_response "
        'USING gin ((UPPER("search_text")) gin_trgm_ops)'
    )


def trigram_index_drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


def search_text_clear(apps, schema_editor):
    apps.get_model("survey", "Response").objects.update(search_text="")


class Migration(migrations.Migration):
    dependencies = [
        ("survey", "0002_response_last_step"),
    ]

    operations = [
        migrations.AddField(
            model_name="response",
            name="search_text",
            field=models.TextField(
                blank=True,
                default="",
                editable=False,
                help_text="The organisation and free-text answers (never option "
                "codes), kept for the admin's search.",
            ),
        ),
        # Filled before the index exists: one index build, not one per row.
        migrations.RunPython(search_text_backfill, search_text_clear),
        migrations.AddIndex(
            model_name="response",
            index=models.Index(
                fields=["status", "-submitted_at", "-id"],
                name="survey_resp_status_submitted",
            ),
        ),
        migrations.AddIndex(
            model_name="response",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.search.SearchVector(
                    "search_text", config="simple"
                ),
                name="survey_resp_search_fts",
            ),
        ),
        migrations.RunPython(trigram_index_create, trigram_index_drop),
    ]
