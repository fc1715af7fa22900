"""Sync the role groups again: analysts gain collectors and the coverage target."""

from django.db import migrations

from staff.roles import roles_sync


class Migration(migrations.Migration):

    dependencies = [
        ("staff", "0004_auditevent_to_audit"),
        ("survey", "0006_collectors_and_coverage_target"),
    ]

    operations = [migrations.RunPython(roles_sync, migrations.RunPython.noop)]
