"""Permissions over responses leave the audit trail for survey.Response (survey 0011)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0002_auditevent_findings'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='auditevent',
            options={'ordering': ['-at', '-id'], 'verbose_name': 'audit event'},
        ),
    ]
