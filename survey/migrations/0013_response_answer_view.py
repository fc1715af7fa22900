"""survey_response_answer: one row per answer, and per option of a list answer.

The rows of ``survey.ResponseAnswer`` (an unmanaged model), so the analysts'
figures count answers with the ORM, joined to whatever responses a queryset
selects, while PostgreSQL reads each answer document once per response.
An empty list (every box unticked) is no answer, so it has no row.
"""

from django.db import migrations, models

VIEW = """
CREATE VIEW survey_response_answer AS
SELECT r.id AS response_id, kv.key AS code,
       coalesce(item.value, kv.value #>> '{}') AS value
FROM survey_response r
CROSS JOIN LATERAL jsonb_each(r.answers) kv
LEFT JOIN LATERAL jsonb_array_elements_text(
    CASE WHEN jsonb_typeof(kv.value) = 'array' THEN kv.value END
) item ON true
WHERE kv.value <> '[]'::jsonb
"""


class Migration(migrations.Migration):
    dependencies = [
        ("survey", "0012_response_trigram_index"),
    ]

    operations = [
        migrations.RunSQL(VIEW, "DROP VIEW survey_response_answer"),
        migrations.CreateModel(
            name="ResponseAnswer",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "response", "code", "value", blank=True, editable=False,
                        primary_key=True, serialize=False,
                    ),
                ),
                (
                    "response",
                    models.ForeignKey(
                        on_delete=models.DO_NOTHING,
                        related_name="+",
                        to="survey.response",
                    ),
                ),
                ("code", models.TextField()),
                ("value", models.TextField()),
            ],
            options={
                "db_table": "survey_response_answer",
                "managed": False,
            },
        ),
    ]
