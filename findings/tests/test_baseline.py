"""The baseline beside the self-assessment: mapped areas, published figures only."""

import pytest

from findings.baseline import baseline_for_sector, measures
from findings.services import release_publish
from vocabulary.choices import Domain

pytestmark = pytest.mark.django_db


def test_every_roadmap_area_is_mapped_to_a_survey_question():
    assert sorted(m.domain for m in measures()) == sorted(Domain.values)


def test_mapped_questions_exist_in_the_questionnaire(wave):
    from findings.services import question_specs

    questions = question_specs(wave)
    for measure in measures():
        question = questions[measure.question]
        codes = {code for code, _ in question.options}
        assert set(measure.answers) <= codes, measure
        if question.type == "multiple":
            assert len(measure.answers) == 1


def test_no_baseline_before_a_release_is_published(release):
    assert baseline_for_sector("nhs") is None


def test_a_sector_gets_a_sentence_per_area_from_the_published_snapshot(
    release, analyst, django_assert_num_queries
):
    release_publish(release=release, user=analyst)
    with django_assert_num_queries(1):
        baseline = baseline_for_sector("nhs")
    assert set(baseline["areas"]) == set(Domain.values)
    line = baseline["areas"]["workforce_wellbeing"]
    assert line["text"].startswith(f"In the {release.wave.name} survey, ")
    if line["percent"] is not None:
        assert f"{line['percent']}% of NHS respondents said" in line["text"]
        assert line["base"] >= 10
    else:
        assert "too few NHS respondents" in line["text"]


def test_area_baselines_read_every_area_from_the_published_snapshot_in_one_query(
    release, analyst, django_assert_num_queries
):
    from findings.baseline import area_baselines, newest_release, station_baseline
    from findings.models import FindingsRelease

    with django_assert_num_queries(1):
        assert area_baselines() == {}
    release_publish(release=release, user=analyst)
    with django_assert_num_queries(1):
        found = area_baselines()
    assert set(found) == set(Domain.values)
    # The same figures as the station pages read from the whole snapshot.
    whole = FindingsRelease.objects.values_list(newest_release(), flat=True).first()
    for code, figures in found.items():
        assert figures == station_baseline(whole, code)
    release.refresh_from_db()
    for measure in release.snapshot["measures"]:
        assert found[measure["domain"]]["percent"] == measure["overall"]["percent"]
        assert found[measure["domain"]]["wave_name"] == release.wave.name
