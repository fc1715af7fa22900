"""survey_answercount: the answers of submitted responses, counted as they change.

Triggers on survey_response add a response's answers to the counts when it is
written as submitted and take them away when a submitted response is changed,
moved or deleted, in the same transaction (decision 0017). Only answers with
options are counted (never free text), each once per response; the row with
no question code counts the respondents of a sector. Taking away only updates
rows that exist, so deleting a wave works whichever of its counts and its
responses go first. Rows are locked in one order, (question, answer), so
concurrent submissions wait for each other but never deadlock.
"""

import django.db.models.deletion
from django.db import migrations, models

FUNCTIONS = """
CREATE FUNCTION survey_answers_counted(response survey_response)
RETURNS TABLE (question_code varchar, answer text)
LANGUAGE sql STABLE AS $$
    SELECT ''::varchar, ''::text
    UNION
    SELECT q.code, item #>> '{}'
    FROM survey_question q
    CROSS JOIN LATERAL jsonb_array_elements(
        CASE jsonb_typeof(response.answers -> q.code)
            WHEN 'array' THEN response.answers -> q.code
            ELSE jsonb_build_array(response.answers -> q.code)
        END
    ) AS item
    WHERE q.wave_id = response.wave_id
      AND q.type IN ('single', 'multiple', 'agreement', 'yes_no', 'borough')
      AND jsonb_typeof(item) = 'string'
$$;

CREATE FUNCTION survey_answer_count_add(response survey_response, change integer)
RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
    IF change > 0 THEN
        INSERT INTO survey_answercount AS c
            (wave_id, sector, question_code, answer, respondents)
        SELECT response.wave_id, response.sector, a.question_code, a.answer, change
        FROM survey_answers_counted(response) a
        ORDER BY a.question_code, a.answer
        ON CONFLICT (wave_id, sector, question_code, answer)
        DO UPDATE SET respondents = c.respondents + EXCLUDED.respondents;
    ELSE
        UPDATE survey_answercount c
        SET respondents = c.respondents + change
        WHERE c.id IN (
            SELECT held.id
            FROM survey_answercount held
            JOIN survey_answers_counted(response) a
              ON held.question_code = a.question_code AND held.answer = a.answer
            WHERE held.wave_id = response.wave_id AND held.sector = response.sector
            ORDER BY held.question_code, held.answer
            FOR UPDATE OF held
        );
    END IF;
    RETURN change;
END
$$;

CREATE FUNCTION survey_answer_count_write() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'submitted' THEN
        PERFORM survey_answer_count_add(OLD, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'submitted' THEN
        PERFORM survey_answer_count_add(NEW, 1);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER survey_answer_count_insert
AFTER INSERT ON survey_response
FOR EACH ROW WHEN (NEW.status = 'submitted')
EXECUTE FUNCTION survey_answer_count_write();

CREATE TRIGGER survey_answer_count_update
AFTER UPDATE ON survey_response
FOR EACH ROW WHEN (
    (OLD.status = 'submitted' OR NEW.status = 'submitted')
    AND (OLD.status, OLD.wave_id, OLD.sector, OLD.answers)
        IS DISTINCT FROM (NEW.status, NEW.wave_id, NEW.sector, NEW.answers)
)
EXECUTE FUNCTION survey_answer_count_write();

CREATE TRIGGER survey_answer_count_delete
AFTER DELETE ON survey_response
FOR EACH ROW WHEN (OLD.status = 'submitted')
EXECUTE FUNCTION survey_answer_count_write();

-- The responses submitted before the counts existed.
SELECT count(survey_answer_count_add(r, 1))
FROM survey_response r WHERE r.status = 'submitted';
"""

DROP_FUNCTIONS = """
DROP TRIGGER survey_answer_count_delete ON survey_response;
DROP TRIGGER survey_answer_count_update ON survey_response;
DROP TRIGGER survey_answer_count_insert ON survey_response;
DROP FUNCTION survey_answer_count_write();
DROP FUNCTION survey_answer_count_add(survey_response, integer);
DROP FUNCTION survey_answers_counted(survey_response);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("survey", "0014_response_counting_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="AnswerCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("sector", models.CharField(blank=True, max_length=40)),
                ("question_code", models.CharField(blank=True, max_length=40)),
                ("answer", models.TextField(blank=True)),
                ("respondents", models.IntegerField(default=0)),
                (
                    "wave",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="survey.wave",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("wave", "sector", "question_code", "answer"),
                        name="survey_answercount_unique",
                    )
                ],
            },
        ),
        migrations.RunSQL(FUNCTIONS, DROP_FUNCTIONS),
    ]
