"""The move of AuditEvent (to audit) and RateLimitBucket (to throttling) loses no row.

The database is taken back to the migrations of main before the move, rows
are written through the historical models, and migrating forward must find
every one of them under the new owners, with the permissions and role groups
that hold them.
"""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from audit.models import AuditEvent
from throttling.models import RateLimitBucket

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_THE_MOVE = [
    ("staff", "0003_auditevent_withdrawal"),
    ("survey", "0004_response_search_vector"),
]


def _migrate(targets, *, unapply_apps=()):
    executor = MigrationExecutor(connection)
    executor.migrate([*((app, None) for app in unapply_apps), *targets])
    return executor.loader.project_state(targets).apps


def test_moving_the_models_keeps_every_row_and_permission():
    # The apps made by the move are unapplied whole, as on main.
    old = _migrate(BEFORE_THE_MOVE, unapply_apps=("audit", "throttling"))
    old_event = old.get_model("staff", "AuditEvent")
    old_bucket = old.get_model("survey", "RateLimitBucket")
    old_event.objects.create(
        username="analyst",
        action="export",
        filters={"sector": "nhs"},
        row_count=12,
        file_format="csv",
    )
    old_event.objects.create(
        username="respondent", action="withdrawal", detail={"wave": "w"}
    )
    window = dt.datetime(2025, 1, 5, 10, tzinfo=dt.UTC)
    old_bucket.objects.create(key="ip:abc", window_start=window, count=7)
    content_type = old.get_model("contenttypes", "ContentType")
    assert content_type.objects.filter(app_label="staff", model="auditevent").exists()
    permission = old.get_model("auth", "Permission").objects.get(
        codename="export_responses"
    )
    permission_id = permission.pk
    # A group of its own: the roles migration's groups are gone if an earlier
    # transactional test flushed the database.
    old.get_model("auth", "Group").objects.create(
        name="Move test role"
    ).permissions.add(permission)
    holders = sorted(permission.group_set.values_list("name", flat=True))
    assert "Move test role" in holders

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert AuditEvent.objects.count() == 2
    export = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert (export.username, export.row_count, export.filters) == (
        "analyst",
        12,
        {"sector": "nhs"},
    )
    assert AuditEvent.objects.filter(action=AuditEvent.Action.WITHDRAWAL).count() == 1
    (bucket,) = RateLimitBucket.objects.all()
    assert (bucket.key, bucket.window_start, bucket.count) == ("ip:abc", window, 7)
    # The same permission row, held by the same role groups: on the audit
    # app's content type after the move, on the response's since survey 0011.
    from django.contrib.auth.models import Permission

    moved = Permission.objects.get(pk=permission_id)
    assert (moved.content_type.app_label, moved.content_type.model) == (
        "survey",
        "response",
    )
    assert set(holders) <= set(moved.group_set.values_list("name", flat=True))
    assert not content_type.objects.filter(app_label="staff").exists()


LINK_BEFORE = [
    ("casestudies", "0005_sources_shared_and_figures"),
    ("survey", "0009_response_fillfactor"),
]


def test_a_case_study_link_moves_to_the_survey_and_back():
    # casestudies 0006 needs survey 0010, so it is unapplied with it.
    old = _migrate(LINK_BEFORE)
    questionnaire = old.get_model("survey", "Questionnaire").objects.create(
        code="link-test", version=1, title="Link test", estimated_minutes=5
    )
    wave = old.get_model("survey", "Wave").objects.create(
        questionnaire=questionnaire,
        name="Link wave",
        slug="link-wave",
        opens_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        closes_at=dt.datetime(2025, 2, 1, tzinfo=dt.UTC),
        retention_until=dt.date(2027, 1, 1),
    )
    response = old.get_model("survey", "Response").objects.create(wave=wave)
    case_study_model = old.get_model("casestudies", "CaseStudy")
    linked = case_study_model.objects.create(
        title="From an example",
        slug="from-an-example",
        summary="S",
        body="B",
        evidence="practitioner_reported",
        source_response=response,
    )
    case_study_model.objects.create(
        title="Not linked",
        slug="not-linked",
        summary="S",
        body="B",
        evidence="practitioner_reported",
    )

    new = _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    links = new.get_model("survey", "ExampleCaseStudy").objects.all()
    assert [(link.response_id, link.case_study_id) for link in links] == [
        (response.pk, linked.pk)
    ]

    back = _migrate(LINK_BEFORE)
    case_studies = back.get_model("casestudies", "CaseStudy").objects.order_by("slug")
    assert [(c.slug, c.source_response_id) for c in case_studies] == [
        ("from-an-example", response.pk),
        ("not-linked", None),
    ]
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
