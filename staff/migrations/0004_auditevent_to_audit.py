"""AuditEvent now belongs to the audit app (audit 0001): the table is kept.

The role groups once were synced here; the post_migrate handler
(staff/apps.py) now does it after every migrate.
"""

from django.db import migrations


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
    ]
