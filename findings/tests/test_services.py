"""Publishing and unpublishing: frozen snapshots, refusals and the audit trail."""

import pytest

from audit.models import AuditEvent
from findings.demo import synthetic_responses
from findings.models import FindingsRelease
from findings.services import (
    ReleaseRefused,
    release_check_editable,
    release_publish,
    release_snapshot,
    release_unpublish,
)
from findings.tests.conftest import closed_wave
from survey.models import Question, Response
from survey.tests.factories import wave_with_questionnaire

pytestmark = pytest.mark.django_db


def all_counts(snapshot):
    counts = [snapshot["respondents"]["count"]]
    for table in snapshot["tables"]:
        counts += [row["count"] for row in table["rows"]]
    for measure in snapshot["measures"]:
        counts += [measure["overall"]["count"]]
        counts += [row["count"] for row in measure["rows"]]
        counts += [row["base_count"] for row in measure["rows"]]
    return [c for c in counts if c is not None]


def test_publishing_freezes_the_figures_and_records_it(release, analyst):
    release_publish(release=release, user=analyst)
    release.refresh_from_db()
    assert release.is_published
    assert release.snapshot["respondents"]["count"] == 120
    event = AuditEvent.objects.get(action="findings_publish")
    assert event.username == "analyst"
    assert event.object_id == str(release.pk)
    assert event.detail["respondents"] == 120


def test_later_withdrawals_do_not_change_a_published_release(release, analyst):
    release_publish(release=release, user=analyst)
    ids = list(Response.objects.filter(wave=release.wave).values_list("pk", flat=True))
    Response.objects.filter(pk__in=ids[:30]).delete()
    release.refresh_from_db()
    assert release.snapshot["respondents"]["count"] == 120
    assert release_snapshot(release=release)["respondents"]["count"] == 90


def test_no_published_count_is_between_1_and_9(release, analyst):
    release_publish(release=release, user=analyst)
    release.refresh_from_db()
    counts = all_counts(release.snapshot)
    assert counts
    assert not [c for c in counts if 1 <= c <= 9]
    # Synthetic answers leave some small groups: some were hidden.
    assert release.snapshot["hidden_count"] > 0


def test_publishing_an_open_wave_is_refused_with_a_clear_message(analyst):
    release = FindingsRelease.objects.create(
        wave=wave_with_questionnaire(slug="still-open"), title="Too early"
    )
    with pytest.raises(ReleaseRefused, match="still open"):
        release_publish(release=release, user=analyst)
    release.refresh_from_db()
    assert not release.is_published
    assert not AuditEvent.objects.filter(action="findings_publish").exists()


def test_unpublishing_is_allowed_and_recorded(release, analyst):
    release_publish(release=release, user=analyst)
    release_unpublish(release=release, user=analyst)
    release.refresh_from_db()
    assert not release.is_published
    assert release.snapshot == {}
    assert AuditEvent.objects.filter(action="findings_unpublish").count() == 1


def test_a_published_release_refuses_edits_until_unpublished(release, analyst):
    release_check_editable(release)
    release_publish(release=release, user=analyst)
    with pytest.raises(ReleaseRefused, match="Unpublish it first"):
        release_check_editable(release)
    release_unpublish(release=release, user=analyst)
    release_check_editable(release)


def test_a_mapped_question_missing_from_the_wave_is_left_out_and_named(db, analyst):
    wave = closed_wave("short-questionnaire")
    Question.objects.filter(wave=wave, code="components_lived_experience").delete()
    release = FindingsRelease.objects.create(wave=wave, title="Short")
    release_publish(release=release, user=analyst)
    release.refresh_from_db()
    snapshot = release.snapshot
    assert "components_lived_experience" in snapshot["missing"]
    assert snapshot["missing_mapped"] == ["components_lived_experience"]
    domains = {m["domain"] for m in snapshot["measures"]}
    assert "lived_experience" not in domains
    assert "workforce_wellbeing" in domains


def test_a_later_wave_shows_change_in_points_and_says_when_not_comparable(
    wave, release, analyst
):
    release_publish(release=release, user=analyst)
    later = closed_wave("later-wave", days_ago=1)
    synthetic_responses(wave=later, count=150, seed=8)
    question = Question.objects.get(wave=later, code="r_realise_2")
    question.text = "Reworded statement."
    question.save()
    later_release = FindingsRelease.objects.create(wave=later, title="Later")
    snapshot = release_snapshot(release=later_release)
    assert snapshot["baseline"]["slug"] == wave.slug
    tables = {t["key"]: t for t in snapshot["tables"]}
    same = tables["q:r_realise_1"]["rows"]
    comparable = [r for r in same if r["change"]["status"] == "comparable"]
    assert comparable
    before = {
        r["figure"]: r
        for t in FindingsRelease.objects.get(pk=release.pk).snapshot["tables"]
        for r in t["rows"]
    }
    row = comparable[0]
    exact = 100 * row["count"] / 150 - 100 * before[row["figure"]]["count"] / 120
    assert abs(row["change"]["points"] - exact) <= 0.5
    changed = tables["q:r_realise_2"]["rows"]
    assert {r["change"]["status"] for r in changed} == {"not_comparable"}
    assert {r["change"]["reason"] for r in changed} == {"wording"}


def test_a_real_release_is_never_compared_with_a_demo_one(release, analyst):
    release.is_demo = True
    release.save()
    release_publish(release=release, user=analyst)
    later = closed_wave("real-later", days_ago=1)
    real = FindingsRelease.objects.create(wave=later, title="Real")
    assert release_snapshot(release=real)["baseline"] is None


def test_areas_mapped_to_different_answers_of_one_question_get_their_own_figures(
    release, analyst
):
    release_publish(release=release, user=analyst)
    release.refresh_from_db()
    measures = {m["domain"]: m for m in release.snapshot["measures"]}
    tables = {t["key"]: t for t in release.snapshot["tables"]}
    options = {r["figure"]: r["count"] for r in tables["q:components_in_place"]["rows"]}
    for domain, option in [
        ("workforce_wellbeing", "training_all_staff"),
        ("governance_leadership", "leadership_role"),
        ("data_monitoring_evaluation", "measuring_staff"),
    ]:
        rows = measures[domain]["rows"]
        shown = [r["count"] for r in rows if r["count"] is not None]
        hidden = [r for r in rows if r["count"] is None]
        total = options[f"q:components_in_place:{option}"]
        # The sector counts add up to the option's own published count.
        if total is not None and not hidden:
            assert sum(shown) == total, domain
    counts = {
        domain: tuple(r["count"] for r in measures[domain]["rows"])
        for domain in ("workforce_wellbeing", "governance_leadership")
    }
    assert counts["workforce_wellbeing"] != counts["governance_leadership"]
