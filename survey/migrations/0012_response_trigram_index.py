"""pg_trgm and the trigram index on UPPER(search_text), the same on every server.

Migration 0003 made the index only where PostgreSQL happened to have pg_trgm,
outside the model state, so schemas differed between machines. Here the
extension is created where the migrating role may (pg_trgm is a trusted
extension: CREATE on the database is enough), or the migration stops and says
how to fix it; and the index joins the model state, so every database has it.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, migrations, transaction
from django.db.models.functions import Upper

EXTENSION_MISSING = (
    "Migration survey.0010 needs the PostgreSQL extension pg_trgm and could not "
    "create it ({error}). Fix: install PostgreSQL's contrib modules on the "
    "database server (Debian: postgresql-contrib), then run "
    "'CREATE EXTENSION pg_trgm;' in this database as a superuser (or grant the "
    "migrating role CREATE on the database), and run migrate again."
)


def trigram_extension_create(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is not None:
            return
    try:
        # A savepoint, so the error is reported rather than a broken transaction.
        with transaction.atomic(using=connection.alias):
            schema_editor.execute("CREATE EXTENSION pg_trgm")
    except DatabaseError as error:
        message = EXTENSION_MISSING.format(error=str(error).strip())
        raise ImproperlyConfigured(message) from error


class Migration(migrations.Migration):
    dependencies = [
        ("survey", "0011_permissions_on_response"),
    ]

    operations = [
        # Reversed, the extension stays: other database objects may use it.
        migrations.RunPython(trigram_extension_create, migrations.RunPython.noop),
        # Made by 0003 where pg_trgm was there; made again below, in the state.
        migrations.RunSQL(
            "DROP INDEX IF EXISTS survey_resp_search_trgm", migrations.RunSQL.noop
        ),
        migrations.AddIndex(
            model_name="response",
            index=GinIndex(
                OpClass(Upper("search_text"), name="gin_trgm_ops"),
                name="survey_resp_search_trgm",
            ),
        ),
    ]
