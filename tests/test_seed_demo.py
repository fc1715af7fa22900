"""The seed_demo command loads demo content and is idempotent."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def _row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"auth", "sources", "casestudies", "survey", "findings", "roadmap", "staff"}
    }


def test_seed_demo_twice_changes_nothing():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    first = _row_counts()
    call_command("seed_demo", stdout=StringIO())
    assert _row_counts() == first
    assert "Demo content is ready." in out.getvalue()
    assert "Sign in: demo-admin" in out.getvalue()


def test_seed_demo_refuses_to_run_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="never runs in production"):
        call_command("seed_demo", stdout=StringIO())


def test_each_app_seeds_its_own_demo_content_from_the_bottom_layer_up():
    seeded = [
        config.label
        for config in apps.get_app_configs()
        if hasattr(config, "seed_demo")
    ]
    # A seeder may use what the apps below it made: findings reads survey waves.
    assert seeded == [
        "sources",
        "casestudies",
        "survey",
        "coding",
        "findings",
        "roadmap",
        "staff",
    ]
