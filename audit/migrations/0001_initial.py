"""AuditEvent moves here from the staff app: the table stays, only the owner changes.

The model is created in the migration state only; its table, staff_auditevent,
was made by staff 0001. The content type is renamed too, so the permissions
on it (and the role groups holding them) carry over unchanged.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def content_type_move(apps, schema_editor, source="staff", target="audit"):
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label=target, model="auditevent").exists():
        content_type.objects.filter(app_label=source, model="auditevent").update(
            app_label=target
        )


def content_type_move_back(apps, schema_editor):
    content_type_move(apps, schema_editor, source="audit", target="staff")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("staff", "0003_auditevent_withdrawal"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEvent",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("at", models.DateTimeField(auto_now_add=True, db_index=True)),
                        ("username", models.CharField(blank=True, help_text="Kept if the account is deleted.", max_length=150)),
                        ("action", models.CharField(choices=[("export", "Exported responses"), ("data_dictionary", "Downloaded the data dictionary"), ("view_contact", "Viewed contact details"), ("delete_contact", "Deleted contact details"), ("delete_response", "Deleted a response"), ("retention", "Retention clean-up"), ("case_study", "Started a case study from a response"), ("withdrawal", "A respondent withdrew their response")], max_length=30)),
                        ("object_type", models.CharField(blank=True, max_length=100)),
                        ("object_id", models.CharField(blank=True, max_length=64)),
                        ("object_repr", models.CharField(blank=True, max_length=200)),
                        ("filters", models.JSONField(blank=True, default=dict)),
                        ("row_count", models.PositiveIntegerField(blank=True, null=True)),
                        ("file_format", models.CharField(blank=True, max_length=10)),
                        ("detail", models.JSONField(blank=True, default=dict)),
                        ("user", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="audit_events", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "audit event",
                        "db_table": "staff_auditevent",
                        "ordering": ["-at", "-id"],
                        "permissions": [("export_responses", "Can export survey responses"), ("view_dashboard", "Can see the analyst dashboard"), ("start_case_study", "Can start a draft case study from a response")],
                        "indexes": [models.Index(fields=["action", "-at"], name="staff_audit_action_at")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_move, content_type_move_back),
    ]
