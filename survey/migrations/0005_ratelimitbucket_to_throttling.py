"""RateLimitBucket now belongs to the throttling app (throttling 0001): the table is kept."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("survey", "0004_response_search_vector"),
        ("throttling", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="RateLimitBucket")],
            database_operations=[],
        ),
    ]
