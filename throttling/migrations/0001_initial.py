"""RateLimitBucket moves here from the survey app: the table stays, only the owner changes.

The model is created in the migration state only; its table,
survey_ratelimitbucket, was made by survey 0001. The content type is renamed
so its permissions carry over.
"""

from django.db import migrations, models


def content_type_move(apps, schema_editor, source="survey", target="throttling"):
    content_type = apps.get_model("contenttypes", "ContentType")
    model = "ratelimitbucket"
    if not content_type.objects.filter(app_label=target, model=model).exists():
        content_type.objects.filter(app_label=source, model=model).update(
            app_label=target
        )


def content_type_move_back(apps, schema_editor):
    content_type_move(apps, schema_editor, source="throttling", target="survey")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("survey", "0004_response_search_vector"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RateLimitBucket",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("key", models.CharField(max_length=80)),
                        ("window_start", models.DateTimeField()),
                        ("count", models.PositiveIntegerField(default=0)),
                    ],
                    options={
                        "db_table": "survey_ratelimitbucket",
                        "constraints": [models.UniqueConstraint(fields=("key", "window_start"), name="survey_ratelimit_key_window")],
                        "indexes": [models.Index(fields=["window_start"], name="survey_ratelimit_window")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_move, content_type_move_back),
    ]
