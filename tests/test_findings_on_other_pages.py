"""Findings on other apps' pages: links to findings, the roadmap's baseline."""

import re

import pytest

from findings.models import FindingsRelease
from findings.services import release_publish
from roadmap.models import Statement
from roadmap.services import self_assessment_create
from vocabulary.time import LONDON

pytestmark = pytest.mark.django_db


def test_home_roadmap_and_closed_wave_pages_link_to_findings(client, wave, content):
    for url in ["/", "/roadmap/", f"/survey/{wave.slug}/"]:
        assert 'href="/findings/"' in client.get(url).content.decode(), url
    # On the roadmap, the link sits in phase 2 (the survey) and nowhere else.
    phases = client.get("/roadmap/").content.decode().split("Phase ")
    linked = [p.split("<", 1)[0] for p in phases[1:] if 'href="/findings/"' in p]
    assert linked == ["2"]


def test_a_self_assessment_result_shows_the_baseline_for_its_sector(
    client, release, analyst, content, django_assert_max_num_queries
):
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


LINKING_PAGES = ["/", "/roadmap/"]


def _findings_links(page: str) -> list[str]:
    return [
        re.sub(r"\s+", " ", text).strip()
        for text in re.findall(
            r'<a class="govuk-link" href="/findings/">(.*?)</a>', page
        )
    ]


def test_with_nothing_published_links_say_findings_are_not_published(
    client, wave, content
):
    for url in [*LINKING_PAGES, f"/survey/{wave.slug}/"]:
        page = client.get(url).content.decode()
        assert _findings_links(page) == ["Survey findings: not published yet"], url
        assert "What London told us" not in page, url


def test_with_only_a_demo_release_every_link_says_demo(
    client, demo_release, wave, content
):
    for url in [*LINKING_PAGES, f"/survey/{wave.slug}/"]:
        page = client.get(url).content.decode()
        links = _findings_links(page)
        assert links and all("demo" in text for text in links), url
        assert "What London told us" not in page, url


def test_a_real_release_gets_the_plain_link(client, release, analyst, content):
    release_publish(release=release, user=analyst)
    links = _findings_links(client.get("/").content.decode())
    assert links == ["What London told us: findings from the practice survey"]


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
