"""The case study started from a response is linked from the survey's side.

Each case study's ``source_response`` becomes one ExampleCaseStudy row, before
casestudies 0006 drops that column (``run_before``), and back again if unapplied.
"""

import django.db.models.deletion
from django.db import migrations, models


def links_to_survey(apps, schema_editor):
    case_study_model = apps.get_model("casestudies", "CaseStudy")
    link_model = apps.get_model("survey", "ExampleCaseStudy")
    link_model.objects.bulk_create(
        link_model(response_id=response_id, case_study_id=case_study_id)
        for case_study_id, response_id in case_study_model.objects.filter(
            source_response__isnull=False
        )
        .order_by("source_response_id", "pk")
        .distinct("source_response_id")
        .values_list("pk", "source_response_id")
    )


def links_to_case_studies(apps, schema_editor):
    case_study_model = apps.get_model("casestudies", "CaseStudy")
    link_model = apps.get_model("survey", "ExampleCaseStudy")
    for link in link_model.objects.all():
        case_study_model.objects.filter(pk=link.case_study_id).update(
            source_response_id=link.response_id
        )


class Migration(migrations.Migration):

    dependencies = [
        ("casestudies", "0005_sources_shared_and_figures"),
        ("survey", "0009_response_fillfactor"),
    ]
    run_before = [("casestudies", "0006_source_response_to_survey")]

    operations = [
        migrations.CreateModel(
            name="ExampleCaseStudy",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "case_study",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="casestudies.casestudy",
                    ),
                ),
                (
                    "response",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="example_case_study",
                        to="survey.response",
                    ),
                ),
            ],
            options={
                "verbose_name": "case study from an example",
                "verbose_name_plural": "case studies from examples",
            },
        ),
        migrations.RunPython(links_to_survey, links_to_case_studies),
    ]
