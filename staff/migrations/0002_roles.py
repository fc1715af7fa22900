"""Create the VRU analyst, editor and admin groups with their permissions."""

from django.db import migrations

from staff.roles import ROLES, roles_sync


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLES)).delete()


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

    operations = [migrations.RunPython(roles_sync, remove_roles)]
