"""Public findings pages: the snapshot only, fixed queries, never a small count."""

import csv
import io
import re
from http import HTTPStatus

import pytest
from django.urls import resolve, reverse

from findings import views
from findings.demo import synthetic_responses
from findings.models import FindingsRelease
from findings.services import release_publish
from vocabulary.time import LONDON

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(release, analyst):
    return release_publish(release=release, user=analyst)


def test_urls_reverse_and_resolve():
    assert reverse("findings:list") == "/findings/"
    assert resolve("/findings/").func is views.release_list
    assert reverse("findings:detail", args=["w"]) == "/findings/w/"
    assert resolve("/findings/w/findings.csv").func is views.release_csv


def test_before_any_release_the_page_says_findings_are_not_yet_published(client, db):
    response = client.get("/findings/")
    assert response.status_code == HTTPStatus.OK
    assert "Findings are not yet published" in response.content.decode()


def test_a_draft_release_is_not_public(client, release):
    assert client.get(f"/findings/{release.wave.slug}/").status_code == 404
    assert "not yet published" in client.get("/findings/").content.decode()


def test_the_list_links_each_published_release(client, published):
    page = client.get("/findings/").content.decode()
    assert f'href="/findings/{published.wave.slug}/"' in page
    assert "120 people answered" in page


def test_a_release_shows_charts_with_tables_and_the_methods_note(client, published):
    page = client.get(f"/findings/{published.wave.slug}/").content.decode()
    assert page.count("<svg") == page.count('<table class="govuk-table">') - 1
    assert "respondents chose" in page or "People chose whether to take part" in page
    assert "120 people submitted a response" in page
    assert "not every worker in London" in page
    assert "fewer than 10" in page


def _numbers_in_cells(page: str) -> list[int]:
    cells = re.findall(r"govuk-table__cell[^>]*>([^<]*)<", page)
    return [
        int(c.replace(",", "")) for c in cells if c.strip().replace(",", "").isdigit()
    ]


def test_no_table_cell_or_chart_label_shows_a_count_from_1_to_9(client, published):
    page = client.get(f"/findings/{published.wave.slug}/").content.decode()
    assert not [n for n in _numbers_in_cells(page) if 1 <= n <= 9]
    chart_counts = re.findall(r"\((\d[\d,]*)\)</text>", page)
    assert chart_counts
    assert not [n for n in map(int, chart_counts) if 1 <= n <= 9]


def test_the_csv_has_a_metadata_header_and_no_count_from_1_to_9(client, published):
    response = client.get(f"/findings/{published.wave.slug}/findings.csv")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1] == ["# Wave", published.wave.name]
    released = published.published_at.astimezone(LONDON).date().isoformat()
    assert rows[2] == ["# Released", released]
    assert rows[3][0] == "# Suppression rule" and "fewer than 10" in rows[3][1]
    header = rows.index(
        [
            "section",
            "table",
            "question_code",
            "answer",
            "count",
            "percent",
            "base",
            "change_points",
        ]
    )
    counts = [row[4] for row in rows[header + 1 :]]
    assert "fewer than 10" in counts
    numbers = [int(c) for c in counts if c.isdigit()]
    assert numbers and not [n for n in numbers if 1 <= n <= 9]
    percents = [row[5] for row in rows[header + 1 :] if row[5]]
    assert all(p.isdigit() for p in percents)


@pytest.mark.parametrize("extra", [0, 400])
def test_the_release_page_reads_only_the_snapshot(
    client, published, extra, django_assert_max_num_queries
):
    # More responses after publishing change nothing and cost no query.
    synthetic_responses(wave=published.wave, count=extra, seed=99)
    with django_assert_max_num_queries(4):
        page = client.get(f"/findings/{published.wave.slug}/")
    assert "120 people submitted a response" in page.content.decode()
    with django_assert_max_num_queries(4):
        client.get("/findings/")
    with django_assert_max_num_queries(4):
        client.get(f"/findings/{published.wave.slug}/findings.csv")


def test_an_unpublished_release_disappears_from_public_pages(
    client, published, analyst
):
    from findings.services import release_unpublish

    release_unpublish(release=published, user=analyst)
    assert client.get(f"/findings/{published.wave.slug}/").status_code == 404
    assert (
        client.get(f"/findings/{published.wave.slug}/findings.csv").status_code == 404
    )


def test_a_release_missing_a_mapped_question_says_so_and_never_fails(
    client, analyst_client, analyst
):
    from findings.tests.conftest import closed_wave
    from survey.models import Question

    wave = closed_wave("short-questionnaire")
    Question.objects.filter(wave=wave, code="components_lived_experience").delete()
    release = FindingsRelease.objects.create(wave=wave, title="Short")
    preview = analyst_client.get(
        reverse("admin:findings_findingsrelease_preview", args=[release.pk])
    )
    assert preview.status_code == HTTPStatus.OK
    assert "left out: components_lived_experience" in preview.content.decode()
    release_publish(release=release, user=analyst)
    page = client.get(f"/findings/{wave.slug}/")
    assert page.status_code == HTTPStatus.OK
    assert "left out: components_lived_experience" in page.content.decode()


def test_demo_release_is_labelled_demo(client, db, analyst):
    from findings.tests.conftest import closed_wave

    wave = closed_wave("labelled-demo")
    synthetic_responses(wave=wave, count=40)
    release = FindingsRelease.objects.create(
        wave=wave, title="Demo release (demo data)", is_demo=True
    )
    release_publish(release=release, user=analyst)
    page = client.get(f"/findings/{wave.slug}/").content.decode()
    assert "Demo data" in page


@pytest.mark.parametrize("count", [0, 4, 15])
def test_small_waves_publish_and_render_without_a_small_count(client, analyst, count):
    from findings.tests.conftest import closed_wave

    wave = closed_wave(f"small-{count}")
    synthetic_responses(wave=wave, count=count, seed=count)
    release = FindingsRelease.objects.create(wave=wave, title=f"Small {count}")
    release_publish(release=release, user=analyst)
    response = client.get(f"/findings/{wave.slug}/")
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert not [n for n in _numbers_in_cells(page) if 1 <= n <= 9]
    if count < 10:
        assert "Fewer than 10 people submitted a response" in page or count == 0
    csv_response = client.get(f"/findings/{wave.slug}/findings.csv")
    assert csv_response.status_code == HTTPStatus.OK


def test_no_respondents_words_reach_a_release_its_page_or_its_csv(
    client, wave, analyst
):
    from survey.models import FREE_TEXT_TYPES, Question, Response

    words = "Our manager ignores every wellbeing request zqx"
    keys = list(
        Question.objects.filter(wave=wave, type__in=FREE_TEXT_TYPES).values_list(
            "code", flat=True
        )
    )
    assert keys
    for response in Response.objects.submitted().filter(wave=wave)[:12]:
        response.set_answers(response.answers | dict.fromkeys(keys, words))
        response.save()
    release = FindingsRelease.objects.create(wave=wave, title="Words")
    release_publish(release=release, user=analyst)
    release.refresh_from_db()
    assert words not in str(release.snapshot)
    assert words not in client.get(f"/findings/{wave.slug}/").content.decode()
    csv_text = client.get(f"/findings/{wave.slug}/findings.csv").content.decode()
    assert words not in csv_text


@pytest.mark.parametrize(
    "path", ["/findings/no-such-wave/", "/findings/no-such-wave/findings.csv"]
)
def test_an_unknown_wave_gets_the_styled_not_found_page(client, db, path):
    response = client.get(path)
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Page not found" in response.content.decode()


def test_csv_release_date_is_the_london_date(client, published):
    # 00:30 on 1 July in London is still 30 June in UTC.
    published.snapshot = {
        **published.snapshot,
        "published_at": "2025-06-30T23:30:00+00:00",
    }
    published.save()
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    reverse("findings:csv", args=[published.wave.slug])
                ).content.decode()
            )
        )
    )
    assert rows[2] == ["# Released", "2025-07-01"]
