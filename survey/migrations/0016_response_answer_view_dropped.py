"""The view survey_response_answer (migration 0013) goes: answers are counted
from survey_answercount (migration 0015), and nothing reads the view now."""

from django.db import migrations

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
        ("survey", "0015_answer_counts"),
    ]

    operations = [
        migrations.DeleteModel(name="ResponseAnswer"),
        migrations.RunSQL("DROP VIEW survey_response_answer", VIEW),
    ]
