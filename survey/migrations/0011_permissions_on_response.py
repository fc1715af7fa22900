"""The rights over responses move from audit.AuditEvent to survey.Response.

The permission rows themselves are moved to the response's content type, so
every group and user holding them keeps them; roles are synced after migrate.
"""

from django.db import migrations

CODENAMES = ["export_responses", "view_dashboard", "start_case_study"]


def _move(apps, source, target):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    old = content_type_model.objects.filter(app_label=source[0], model=source[1]).first()
    if old is None:
        # A new database: post_migrate creates the permissions where they belong.
        return
    new, _ = content_type_model.objects.get_or_create(
        app_label=target[0], model=target[1]
    )
    for permission in permission_model.objects.filter(
        content_type=old, codename__in=CODENAMES
    ):
        if permission_model.objects.filter(
            content_type=new, codename=permission.codename
        ).exists():
            continue
        permission.content_type = new
        permission.save(update_fields=["content_type"])


def to_response(apps, schema_editor):
    _move(apps, ("audit", "auditevent"), ("survey", "response"))


def to_audit_event(apps, schema_editor):
    _move(apps, ("survey", "response"), ("audit", "auditevent"))


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0003_permissions_on_response"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("survey", "0010_example_case_study"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="response",
            options={
                "ordering": ["-started_at"],
                "permissions": [
                    ("export_responses", "Can export survey responses"),
                    ("view_dashboard", "Can see the survey dashboard"),
                    (
                        "start_case_study",
                        "Can start a draft case study from a response",
                    ),
                ],
            },
        ),
        migrations.RunPython(to_response, to_audit_event),
    ]
