"""The link from a case study to the survey response it came from moves to the survey.

survey 0010 copies each link into survey.ExampleCaseStudy first (it runs before
this migration); this app then no longer refers to the survey at all.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("casestudies", "0005_sources_shared_and_figures"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="casestudy",
            name="source_response",
        ),
    ]
