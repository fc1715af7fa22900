"""Create the VRU analyst, editor and admin groups.

Their permissions are given after every migrate by the post_migrate handler
(staff/apps.py), from staff/roles.py; this migration holds a frozen copy of
the role names and imports no application code.
"""

from django.db import migrations

ROLE_NAMES = ["VRU analyst", "VRU editor", "VRU admin"]


def add_roles(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    for name in ROLE_NAMES:
        group_model.objects.get_or_create(name=name)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_NAMES).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("staff", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("sessions", "0001_initial"),
        ("survey", "0002_response_last_step"),
        ("casestudies", "0004_search_vector_storage_main"),
        ("roadmap", "0002_phase_link_external_url"),
        ("otp_totp", "0003_add_timestamps"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(add_roles, remove_roles)]
