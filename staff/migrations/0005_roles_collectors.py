"""Analysts gained collectors and the coverage target.

The role groups once were synced here; the post_migrate handler
(staff/apps.py) now does it after every migrate, so nothing is left to do.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("staff", "0004_auditevent_to_audit"),
        ("survey", "0006_collectors_and_coverage_target"),
    ]

    operations = []
