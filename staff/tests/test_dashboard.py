"""The analyst dashboard: figures, accessible SVG, a fixed number of queries."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from staff.dashboard import dashboard_for
from survey.models import AnswerCount
from survey.questionnaire import NEXT_WAVE_DEFINITION
from survey.tests.factories import (
    ResponseFactory,
    WaveFactory,
    london,
    submitted,
    wave_with_questionnaire,
)

pytestmark = pytest.mark.django_db

URL = reverse("admin:dashboard")


def test_figures_count_submitted_responses_and_started_drafts(open_wave):
    submitted(open_wave, contact=True, submitted_at=london(2025, 7, 1, 23, 30))
    submitted(
        open_wave,
        {
            "consent": "yes",
            "sector": "nhs",
            "boroughs": ["camden"],
            "r_realise_1": "disagree",
            "principle_safety": "strongly_agree",
            "example_rs": ["recognise"],
        },
    )
    ResponseFactory(wave=open_wave)
    data = dashboard_for(open_wave.slug)
    assert (data["started"], data["submitted"]) == (3, 2)
    # 23:30 in London on 1 July is still 1 July (22:30 UTC).
    assert ("2025-07-01", 0, 1) in data["days"]
    assert dict(data["sector_rows"]) == {"Local authority": 1, "NHS": 1}
    boroughs = dict(data["borough_rows"])
    assert boroughs["Hackney"] == 1 and boroughs["Camden"] == 1
    assert boroughs["Bromley"] == 0
    safety = next(r for r in data["glance_principles"] if r["label"] == "Safety")
    assert safety == {"label": "Safety", "percent": 50.0, "answered": 2}
    trust = next(r for r in data["glance_principles"] if r["label"] == "Trust")
    # "Don't know" is not counted as an answer either way.
    assert trust["answered"] == 0
    realise = data["glance_rs"][0]
    assert realise["percent"] == 50.0
    recognise = data["glance_rs"][1]
    assert recognise["examples"] == 2
    row = next(r for r in data["agreement_rows"] if r["question"].code == "r_realise_1")
    assert row["counts"] == [0, 1, 0, 1, 0, 0, 0]


def test_not_applicable_is_counted_apart_from_dont_know_and_the_share(db):
    wave = wave_with_questionnaire(path=NEXT_WAVE_DEFINITION, slug="next")
    for answer in ["agree", "disagree", "dont_know", "not_applicable"]:
        submitted(wave, {"consent": "yes", "principle_safety": answer})
    data = dashboard_for(wave.slug)
    assert data["agreement_labels"][-2:] == [
        "Don't know",
        "Not applicable to my role",
    ]
    row = next(
        r for r in data["agreement_rows"] if r["question"].code == "principle_safety"
    )
    assert row["counts"] == [0, 1, 0, 1, 0, 1, 1]
    assert row["agree_percent"] == 50.0
    safety = next(r for r in data["glance_principles"] if r["label"] == "Safety")
    assert safety == {"label": "Safety", "percent": 50.0, "answered": 2}


def test_filter_by_wave(open_wave):
    other = WaveFactory(questionnaire=open_wave.questionnaire)
    submitted(open_wave)
    submitted(other)
    assert dashboard_for(open_wave.slug)["submitted"] == 1
    assert dashboard_for("")["submitted"] == 2


def test_page_is_accessible_svg_with_tables_and_no_inline_style(
    analyst_client, open_wave
):
    submitted(open_wave)
    response = analyst_client.get(URL, {"wave": open_wave.slug})
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    svgs = re.findall(r"<svg class=\"staff-chart\"[^>]*>", html)
    assert len(svgs) >= 6
    assert all('role="img"' in svg and "aria-labelledby" in svg for svg in svgs)
    assert html.count("<table") >= 6
    # The borough map's 33 tiles, the coverage map's 33 and its key's 5.
    assert html.count('class="staff-tile staff-tile-') == 33 + 33 + 5
    assert "style=" not in html and "<style" not in html
    assert "<script>" not in html and "http://" not in html.split("</head>")[0]


@pytest.mark.parametrize("count", [5, 50])
def test_a_fixed_number_of_queries(
    analyst_client, open_wave, django_assert_num_queries, count
):
    for _ in range(count):
        submitted(open_wave)
    # Session, user, device, permissions, waves, questions, one pass for the
    # answers, sectors and boroughs (findings.tally), one for the days, four
    # for coverage: the same whatever the number of responses.
    with django_assert_num_queries(16):
        response = analyst_client.get(URL, {"wave": open_wave.slug})
    assert response.status_code == HTTPStatus.OK


def test_editors_cannot_see_the_dashboard(editor_client):
    assert editor_client.get(URL).status_code == HTTPStatus.FORBIDDEN


def test_admin_home_links_the_dashboard_for_analysts_only(
    analyst_client, editor_client
):
    assert URL in analyst_client.get(reverse("admin:index")).content.decode()
    assert URL not in editor_client.get(reverse("admin:index")).content.decode()


def test_all_waves_counts_agreement_questions_only_older_waves_asked(
    open_wave, closed_wave
):
    # The older wave asked r_realise_1 and an extra statement the newer one
    # dropped; the newer one added its own.
    realise = closed_wave.questions.get(code="r_realise_1")
    realise.pk, realise.code, realise.order = None, "r_realise_old", 99
    realise.save()
    added = open_wave.questions.get(code="r_realise_1")
    added.pk, added.code, added.order = None, "r_realise_new", 99
    added.save()
    submitted(
        closed_wave,
        {"consent": "yes", "r_realise_1": "agree", "r_realise_old": "disagree"},
    )
    submitted(
        open_wave,
        {"consent": "yes", "r_realise_1": "strongly_agree", "r_realise_new": "agree"},
    )

    rows = {row["question"].code: row for row in dashboard_for("")["agreement_rows"]}
    assert rows["r_realise_old"]["counts"] == [0, 1, 0, 0, 0, 0, 0]
    assert rows["r_realise_new"]["counts"] == [0, 0, 0, 1, 0, 0, 0]
    assert rows["r_realise_1"]["total"] == 2
    assert rows["r_realise_1"]["question"].wave == open_wave
    codes = list(rows)
    assert len(codes) == len(set(codes))
    assert codes.index("r_realise_new") < codes.index("r_realise_old")
    realise_glance = dashboard_for("")["glance_rs"][0]
    # Agree + strongly agree + agree, of 4 answers (one disagree).
    assert (realise_glance["percent"], realise_glance["answered"]) == (75.0, 4)

    only_older = {
        row["question"].code
        for row in dashboard_for(closed_wave.slug)["agreement_rows"]
    }
    assert "r_realise_old" in only_older and "r_realise_new" not in only_older


def test_all_waves_runs_a_fixed_number_of_queries(
    analyst_client, open_wave, closed_wave, django_assert_num_queries
):
    submitted(open_wave)
    submitted(closed_wave)
    with django_assert_num_queries(12):
        response = analyst_client.get(URL)
    assert response.status_code == HTTPStatus.OK


def test_an_empty_list_of_ticks_is_no_answer_not_a_value(open_wave):
    submitted(
        open_wave,
        {"consent": "yes", "sector": "nhs", "example_rs": []},
    )
    submitted(
        open_wave,
        {"consent": "yes", "sector": "nhs", "example_rs": ["respond"]},
    )
    counts = AnswerCount.objects.counts(open_wave)
    assert {key: n for key, n in counts.items() if key[1] == "example_rs"} == {
        ("nhs", "example_rs", "respond"): 1
    }


def test_agreement_is_the_findings_diverging_chart_of_each_question(
    analyst_client, open_wave
):
    submitted(open_wave, {"consent": "yes", "r_realise_1": "agree"})
    html = analyst_client.get(URL, {"wave": open_wave.slug}).content.decode()
    chart = html.split('<svg class="til-chart til-diverging staff-chart"', 1)[1]
    chart = chart.split("</svg>", 1)[0]
    assert 'role="img"' in chart
    assert "[r_realise_1]" in chart and "(1 answered)" in chart
    assert "<title>Agree 1 (100%)</title>" in chart
