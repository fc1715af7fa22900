"""Demo findings are never mistaken for London's: links, headings, methods, CSV."""

import csv
import io
import re

import pytest

from findings.demo import BASELINE_SLUG, seed_demo
from findings.models import FindingsRelease
from findings.services import release_publish
from findings.tests.conftest import closed_wave

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    seed_demo()
    return FindingsRelease.objects.get(wave__slug=BASELINE_SLUG)


def test_every_heading_caption_and_chart_name_of_a_demo_release_says_demo(client, demo):
    page = client.get(demo.get_absolute_url()).content.decode()
    main = page.split('id="main-content"', 1)[1].split("</main>", 1)[0]
    parts = re.findall(r"<h[1-4][^>]*>(.*?)</h[1-4]>", main, flags=re.S)
    parts += re.findall(r"<caption[^>]*>(.*?)</caption>", main, flags=re.S)
    parts += re.findall(r"<title[^>]*>(.*?)</title>", main, flags=re.S)
    parts += re.findall(r'aria-label="([^"]*)"', main)
    assert len(parts) > 30
    # The contents list is navigation, not a part anyone would take alone.
    unmarked = [p for p in parts if "demo" not in p.lower() and p != "Contents"]
    assert not unmarked


def test_the_demo_methods_note_says_synthetic_and_gives_no_real_looking_facts(
    client, demo
):
    page = client.get(demo.get_absolute_url()).content.decode()
    methods = page.split('id="methods"', 1)[1].split("<h2", 1)[0]
    assert "synthetic" in methods
    for real_looking in [
        "May 2024",
        "June 2024",
        "people submitted",
        "people answered",
    ]:
        assert real_looking not in page, real_looking
    # A count appears only beside the word "synthetic", never as people.
    assert "300" not in methods
    assert not re.search(r"300 (people|respondents)", page)


def test_the_demo_csv_says_so_first_and_on_every_row(client, demo):
    text = client.get(f"/findings/{BASELINE_SLUG}/findings.csv").content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert "synthetic demo data" in rows[0][0].lower() or (
        "demo data" in rows[0][0].lower() and "synthetic" in rows[0][0]
    )
    header = next(i for i, row in enumerate(rows) if row[:2] == ["section", "table"])
    assert rows[header][-1] == "is_demo"
    assert len(rows) - header > 50
    assert all(row[-1] == "true" for row in rows[header + 1 :])


def test_a_real_release_csv_marks_every_row_not_demo(client, release, analyst):
    release_publish(release=release, user=analyst)
    text = client.get(f"/findings/{release.wave.slug}/findings.csv").content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert "demo" not in rows[0][0].lower()
    header = next(i for i, row in enumerate(rows) if row[:2] == ["section", "table"])
    assert all(row[-1] == "false" for row in rows[header + 1 :])


def test_a_demo_release_of_a_small_wave_also_hides_its_count(client, analyst):
    from findings.demo import synthetic_responses

    wave = closed_wave("tiny-demo")
    synthetic_responses(wave=wave, count=40)
    release = FindingsRelease.objects.create(wave=wave, title="Tiny", is_demo=True)
    release_publish(release=release, user=analyst)
    page = client.get(f"/findings/{wave.slug}/").content.decode()
    assert "40 people" not in page and "synthetic" in page
