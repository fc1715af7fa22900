"""Give the VRU analyst role the findings permissions (publishing included).

staff/roles.py is the definition (analysts hold ``findings.*``, editors
nothing here); ``manage.py sync_roles`` keeps it. This migration applies the
same grant on migrate without importing staff, which domain apps never do.
"""

from django.db import migrations

ANALYST = "VRU analyst"


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("findings")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group = group_model.objects.filter(name=ANALYST).first()
    if group is None:
        # sync_roles creates the groups; it gives findings.* then.
        return
    group.permissions.add(
        *permission_model.objects.filter(content_type__app_label="findings")
    )


def revoke(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group = group_model.objects.filter(name=ANALYST).first()
    if group is not None:
        group.permissions.remove(
            *permission_model.objects.filter(content_type__app_label="findings")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("findings", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
