"""Case studies cite shared sources (sources.Source) and list their figures.

Each old per-case-study source row becomes one shared source (rows with the same
title and publisher merge) linked in the same order. A source that still holds
exactly what the old seed file gave it is marked as loaded from the file, so
``load_case_studies --update`` may correct it; any other is kept as an edit.
"""

import hashlib
import json

import django.db.models.deletion
from django.db import migrations, models
from django.utils.text import slugify


def content_hash(content) -> str:
    """sources.models.content_hash as it was, frozen: a migration imports no app code."""
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()

# The three sources of the old seed file: (title, publisher, url, date, note)
# and the code and kind each has in sources/seed/sources.yaml.
HOME_OFFICE = (
    "Trauma informed practice: learning from experience of violence reduction "
    "unit delivery 2021 to 2023"
)
SEEDED = {
    (
        HOME_OFFICE,
        "Home Office",
        "https://www.gov.uk/government/publications/"
        "trauma-informed-practice-learning-from-experience",
        "2024-01-30",
        "Published on GOV.UK.",
    ): ("home-office-learning-from-experience", "government_guidance"),
    (
        "UK briefing on trauma-informed approaches in policing",
        "",
        "",
        "",
        "One of a four-sector series built on interviews with 72 senior "
        "practitioners.",
    ): ("uk-policing-briefing", "briefing"),
    (
        "Dartington Service Design Lab blog",
        "Dartington Service Design Lab",
        "",
        "2025-12-02",
        "",
    ): ("dartington-blog-2025-12-02", "blog"),
}
KINDS = (("blog", "blog"), ("briefing", "briefing"), ("evaluation", "evaluation"))


def _content(source):
    return {
        "title": source.title,
        "author": source.author,
        "published": source.published,
        "kind": source.kind,
        "url": source.url,
        "description": source.description,
        "is_resource": False,
        "good_for": "",
        "uses": [],
        "resource_order": 0,
    }


def share_sources(apps, schema_editor):
    OldSource = apps.get_model("casestudies", "Source")
    Source = apps.get_model("sources", "Source")
    CaseStudySource = apps.get_model("casestudies", "CaseStudySource")
    for old in OldSource.objects.order_by("case_study_id", "order", "pk"):
        published = old.published_on.isoformat() if old.published_on else ""
        key = (old.title, old.publisher, old.url, published, old.note)
        seeded = SEEDED.get(key)
        if seeded:
            code, kind = seeded
        else:
            code = slugify(f"{old.title} {old.publisher}")[:70] or f"source-{old.pk}"
            lowered = old.title.lower()
            kind = next((k for word, k in KINDS if word in lowered), "project_page")
        source = Source.objects.filter(title=old.title, author=old.publisher).first()
        if source is None:
            if Source.objects.filter(code=code).exists():
                code = f"{code[:60]}-{old.pk}"
            source = Source(
                code=code,
                title=old.title,
                author=old.publisher,
                published=published,
                kind=kind,
                url=old.url,
                description=old.note,
            )
            if seeded:
                source.loaded_hash = content_hash(_content(source))
            source.save()
        CaseStudySource.objects.get_or_create(
            case_study_id=old.case_study_id,
            source=source,
            defaults={"order": old.order},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0004_search_vector_storage_main"),
        ("sources", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="casestudy",
            name="loaded_hash",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.CreateModel(
            name="CaseStudySource",
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
                ("order", models.PositiveSmallIntegerField(default=0)),
                (
                    "case_study",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="citations",
                        to="casestudies.casestudy",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="case_study_citations",
                        to="sources.source",
                    ),
                ),
            ],
            options={"verbose_name": "source", "ordering": ["order", "pk"]},
        ),
        migrations.AddConstraint(
            model_name="casestudysource",
            constraint=models.UniqueConstraint(
                fields=("case_study", "source"), name="casestudysource_unique"
            ),
        ),
        migrations.CreateModel(
            name="Figure",
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
                (
                    "text",
                    models.CharField(
                        help_text="The number as the case study writes it: 42%, "
                        "2016, 72, October 2020.",
                        max_length=200,
                    ),
                ),
                (
                    "location",
                    models.CharField(
                        help_text="A section or page, like “South Wales case study”.",
                        max_length=200,
                        verbose_name="where in the source",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0)),
                (
                    "case_study",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="figures",
                        to="casestudies.casestudy",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="figures",
                        to="sources.source",
                    ),
                ),
            ],
            options={"ordering": ["order", "pk"]},
        ),
        migrations.AddConstraint(
            model_name="figure",
            constraint=models.CheckConstraint(
                condition=models.Q(("text", ""), _negated=True), name="figure_has_text"
            ),
        ),
        migrations.RunPython(share_sources, migrations.RunPython.noop),
        migrations.DeleteModel(name="Source"),
        migrations.AddField(
            model_name="casestudy",
            name="sources",
            field=models.ManyToManyField(
                blank=True,
                related_name="case_studies",
                through="casestudies.CaseStudySource",
                to="sources.source",
            ),
        ),
    ]
