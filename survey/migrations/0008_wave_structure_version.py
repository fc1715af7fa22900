"""A wave's structure version, counted up by PostgreSQL whenever its pages change.

Replaces the stamp read from the sections' and questions' count and latest
edit (0007): two subqueries on every survey page, and blind to a queryset
``update()``, which skips ``auto_now``. The triggers see every write, however
it is made, and the guard on the wave keeps a save of a wave read before a
change from setting the version back.
"""

from django.db import migrations, models

FORWARD = """
CREATE FUNCTION survey_wave_structure_changed() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE survey_wave SET structure_version = structure_version + 1
        WHERE id = OLD.wave_id;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.wave_id <> OLD.wave_id) THEN
        UPDATE survey_wave SET structure_version = structure_version + 1
        WHERE id = NEW.wave_id;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER survey_section_structure_changed
AFTER INSERT OR UPDATE OR DELETE ON survey_section
FOR EACH ROW EXECUTE FUNCTION survey_wave_structure_changed();

CREATE TRIGGER survey_question_structure_changed
AFTER INSERT OR UPDATE OR DELETE ON survey_question
FOR EACH ROW EXECUTE FUNCTION survey_wave_structure_changed();

CREATE FUNCTION survey_wave_structure_version_kept() RETURNS trigger AS $$
BEGIN
    NEW.structure_version := GREATEST(NEW.structure_version, OLD.structure_version);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER survey_wave_structure_version_kept
BEFORE UPDATE ON survey_wave
FOR EACH ROW EXECUTE FUNCTION survey_wave_structure_version_kept();
"""

BACKWARD = """
DROP TRIGGER survey_wave_structure_version_kept ON survey_wave;
DROP FUNCTION survey_wave_structure_version_kept();
DROP TRIGGER survey_question_structure_changed ON survey_question;
DROP TRIGGER survey_section_structure_changed ON survey_section;
DROP FUNCTION survey_wave_structure_changed();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("survey", "0007_section_question_updated_at"),
    ]

    operations = [
        migrations.RemoveField(model_name="question", name="updated_at"),
        migrations.RemoveField(model_name="section", name="updated_at"),
        migrations.AddField(
            model_name="wave",
            name="structure_version",
            field=models.PositiveBigIntegerField(default=0, editable=False),
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
