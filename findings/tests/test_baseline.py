"""The baseline beside the self-assessment: mapped areas, published figures only."""

import pytest

from findings.baseline import baseline_for_sector, measures
from findings.models import FindingsRelease
from findings.services import release_publish
from vocabulary.choices import Domain
from vocabulary.time import LONDON

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


def test_a_self_assessment_result_shows_the_baseline_for_its_sector(
    client, release, analyst, content, django_assert_max_num_queries
):
    from roadmap.models import Statement
    from roadmap.services import self_assessment_create

    release_publish(release=release, user=analyst)
    _, token = self_assessment_create(
        sector="nhs", answers={}, statements=list(Statement.objects.all())
    )
    # Issue 10's cap holds with the baseline: it is read with the result.
    with django_assert_max_num_queries(9):
        response = client.get(f"/roadmap/self-assessment/results/{token}/")
    page = response.content.decode()
    assert f"In the {release.wave.name} survey, " in page
    assert "NHS respondents" in page
    assert f'href="{release.get_absolute_url()}#self-assessment"' in page


STATION = "/roadmap/journey/governance-leadership/trauma-informed/"


def test_a_station_shows_the_newest_release_for_its_area_with_base_and_date(
    client, release, analyst, content, django_assert_max_num_queries
):
    release_publish(release=release, user=analyst)
    release.refresh_from_db()
    measure = next(
        m
        for m in release.snapshot["measures"]
        if m["domain"] == "governance_leadership"
    )
    with django_assert_max_num_queries(6):
        response = client.get(STATION, {"sector": "nhs"})
    page = " ".join(response.content.decode().split())
    published = release.published_at.astimezone(LONDON).strftime("%-d %B %Y")
    assert f"In the {release.wave.name} survey, published on {published}," in page
    overall = measure["overall"]["percent"]
    assert f"{overall}% of respondents {measure['said']} (base: 120)." in page
    nhs = next(r for r in measure["rows"] if r["sector"] == "nhs")
    if nhs["percent"] is not None:
        assert (
            f"Of NHS respondents: {nhs['percent']}% (base: {nhs['base_count']})" in page
        )
    assert "Demo data" not in page


def test_a_station_says_demo_when_the_newest_release_is_demo(
    client, demo_release, content
):
    page = client.get(STATION).content.decode()
    baseline = page.split('id="survey-baseline"', 1)[1].split("</div>", 1)[0]
    assert "What the survey found (demo data)" in baseline
    assert "synthetic responses" in baseline and "Demo data" in baseline


def test_no_baseline_where_no_release_or_no_mapped_question(
    client, release, analyst, content
):
    assert 'id="survey-baseline"' not in client.get(STATION).content.decode()
    release_publish(release=release, user=analyst)
    release.refresh_from_db()
    snapshot = release.snapshot
    snapshot["measures"] = [
        m for m in snapshot["measures"] if m["domain"] != "governance_leadership"
    ]
    FindingsRelease.objects.filter(pk=release.pk).update(snapshot=snapshot)
    assert 'id="survey-baseline"' not in client.get(STATION).content.decode()
    other = "/roadmap/journey/workforce-wellbeing/trauma-informed/"
    assert 'id="survey-baseline"' in client.get(other).content.decode()
