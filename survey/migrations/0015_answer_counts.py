"""survey_answercount: the answers of submitted responses, counted as they change.

Triggers on survey_response add responses' answers to the counts when they are
written as submitted and take them away when submitted responses are changed,
moved or deleted, in the same transaction (decision 0017). Inserts and deletes
are counted once per statement, grouped, so a bulk load adds each count once;
an update, once per row that changes what is counted. Only answers with options
are counted (never free text), each once per response; the row with no question
code counts the respondents of a sector. Taking away only updates rows that
exist. Rows are locked in one order, (wave, sector, question, answer), so
concurrent writers wait for each other but never deadlock.
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

CREATE FUNCTION survey_answer_count_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO survey_answercount AS c
        (wave_id, sector, question_code, answer, respondents)
    SELECT r.wave_id, r.sector, a.question_code, a.answer, count(*)
    FROM inserted r
    CROSS JOIN LATERAL survey_answers_counted(r) a
    WHERE r.status = 'submitted'
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (wave_id, sector, question_code, answer)
    DO UPDATE SET respondents = c.respondents + EXCLUDED.respondents;
    RETURN NULL;
END
$$;

CREATE FUNCTION survey_answer_count_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    WITH gone AS (
        SELECT r.wave_id, r.sector, a.question_code, a.answer, count(*) AS n
        FROM deleted r
        CROSS JOIN LATERAL survey_answers_counted(r) a
        WHERE r.status = 'submitted'
        GROUP BY 1, 2, 3, 4
    ), held AS (
        SELECT c.id, gone.n
        FROM survey_answercount c
        JOIN gone USING (wave_id, sector, question_code, answer)
        ORDER BY c.wave_id, c.sector, c.question_code, c.answer
        FOR UPDATE OF c
    )
    UPDATE survey_answercount c
    SET respondents = c.respondents - held.n
    FROM held WHERE c.id = held.id;
    RETURN NULL;
END
$$;

CREATE FUNCTION survey_answer_count_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'submitted' THEN
        WITH held AS (
            SELECT c.id
            FROM survey_answercount c
            JOIN survey_answers_counted(OLD) a USING (question_code, answer)
            WHERE c.wave_id = OLD.wave_id AND c.sector = OLD.sector
            ORDER BY c.question_code, c.answer
            FOR UPDATE OF c
        )
        UPDATE survey_answercount c
        SET respondents = c.respondents - 1
        FROM held WHERE c.id = held.id;
    END IF;
    IF NEW.status = 'submitted' THEN
        INSERT INTO survey_answercount AS c
            (wave_id, sector, question_code, answer, respondents)
        SELECT NEW.wave_id, NEW.sector, a.question_code, a.answer, 1
        FROM survey_answers_counted(NEW) a
        ORDER BY a.question_code, a.answer
        ON CONFLICT (wave_id, sector, question_code, answer)
        DO UPDATE SET respondents = c.respondents + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER survey_answer_count_insert
AFTER INSERT ON survey_response
REFERENCING NEW TABLE AS inserted
FOR EACH STATEMENT EXECUTE FUNCTION survey_answer_count_inserted();

CREATE TRIGGER survey_answer_count_delete
AFTER DELETE ON survey_response
REFERENCING OLD TABLE AS deleted
FOR EACH STATEMENT EXECUTE FUNCTION survey_answer_count_deleted();

CREATE TRIGGER survey_answer_count_update
AFTER UPDATE ON survey_response
FOR EACH ROW WHEN (
    (OLD.status = 'submitted' OR NEW.status = 'submitted')
    AND (OLD.status, OLD.wave_id, OLD.sector, OLD.answers)
        IS DISTINCT FROM (NEW.status, NEW.wave_id, NEW.sector, NEW.answers)
)
EXECUTE FUNCTION survey_answer_count_updated();

-- A wave counted again from its responses (AnswerCount.objects.wave_rebuild).
CREATE FUNCTION survey_answer_count_rebuild(counted_wave bigint) RETURNS void
LANGUAGE sql AS $$
    DELETE FROM survey_answercount WHERE wave_id = counted_wave;
    INSERT INTO survey_answercount
        (wave_id, sector, question_code, answer, respondents)
    SELECT r.wave_id, r.sector, a.question_code, a.answer, count(*)
    FROM survey_response r
    CROSS JOIN LATERAL survey_answers_counted(r) a
    WHERE r.wave_id = counted_wave AND r.status = 'submitted'
    GROUP BY 1, 2, 3, 4;
$$;

-- The responses submitted before the counts existed.
SELECT survey_answer_count_rebuild(id) FROM survey_wave;
"""

DROP_FUNCTIONS = """
DROP TRIGGER survey_answer_count_update ON survey_response;
DROP TRIGGER survey_answer_count_delete ON survey_response;
DROP TRIGGER survey_answer_count_insert ON survey_response;
DROP FUNCTION survey_answer_count_rebuild(bigint);
DROP FUNCTION survey_answer_count_updated();
DROP FUNCTION survey_answer_count_deleted();
DROP FUNCTION survey_answer_count_inserted();
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
