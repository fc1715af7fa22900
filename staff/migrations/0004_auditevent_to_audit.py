"""AuditEvent now belongs to the audit app (audit 0001): the table is kept.

The role groups are synced again, so a new database gives them the moved
permissions (audit.export_responses and the rest) as an old one keeps them.
"""

from django.db import migrations

from staff.roles import roles_sync


class Migration(migrations.Migration):

    dependencies = [
        ("staff", "0003_auditevent_withdrawal"),
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AuditEvent")],
            database_operations=[],
        ),
        migrations.RunPython(roles_sync, migrations.RunPython.noop),
    ]
