"""Coverage: figures match the responses exactly; the target; the CSV; abuse."""

import csv
import io
from http import HTTPStatus

import pytest
from django.urls import reverse

from staff.coverage import coverage_for
from survey.models import Response
from survey.tests.factories import (
    CollectorFactory,
    ResponseFactory,
    WaveFactory,
    submitted,
)

pytestmark = pytest.mark.django_db

URL = reverse("admin:dashboard")
CSV_URL = reverse("admin:coverage_csv")


def _responses(wave):
    """Responses over several boroughs, sectors and collectors, drafts included."""
    network = CollectorFactory(wave=wave, name="DPH network")
    borough = CollectorFactory(
        wave=wave, name="Hackney CSP", kind="borough", borough="hackney"
    )
    idle = CollectorFactory(wave=wave, name="Idle link")
    plan = [
        (["hackney"], "nhs", network),
        (["hackney"], "nhs", network),
        (["hackney", "camden"], "local_authority", borough),
        (["camden"], "met_police", None),
        (["pan_london"], "vcs", None),
        (["bromley"], "education", network),
        (["camden"], "other", None),
    ]
    for boroughs, sector, collector in plan:
        submitted(
            wave,
            {"consent": "yes", "sector": sector, "boroughs": boroughs},
            collector=collector,
        )
    ResponseFactory(wave=wave, collector=network)  # a draft: started only
    ResponseFactory(wave=wave, collector=network)
    ResponseFactory(wave=wave)
    # Another wave's responses never count here.
    submitted(
        WaveFactory(), {"consent": "yes", "sector": "nhs", "boroughs": ["hackney"]}
    )
    return network, borough, idle


def test_coverage_matches_the_responses_exactly(open_wave):
    _responses(open_wave)
    open_wave.coverage_target = 2
    open_wave.save()
    coverage = coverage_for(open_wave)
    sectors = coverage["sectors"]
    rows = {
        row.name: dict(zip(sectors, row.counts, strict=True))
        for row in coverage["rows"]
    }
    assert rows["Hackney"]["NHS"] == 2
    assert rows["Hackney"]["Local authority"] == 1
    assert rows["Camden"]["Local authority"] == 1
    assert rows["Camden"]["Metropolitan Police Service"] == 1
    assert rows["Bromley"]["Education"] == 1
    assert sum(sum(row.values()) for row in rows.values()) == 6
    assert coverage["outside"]["Pan-London"] == 1
    assert "Other" not in sectors
    assert (
        coverage["outside"]["In London, sector not listed (other or not answered)"] == 1
    )
    assert "Sutton" in coverage["empty"] and "Camden" not in coverage["empty"]
    assert not any(gap["name"] == "Sutton" for gap in coverage["gaps"])
    assert coverage["cells_met"] == 1  # Hackney and NHS only
    hackney = next(row for row in coverage["rows"] if row.name == "Hackney")
    # NHS full (2 of 2), local authority half (1 of 2), four others empty.
    assert hackney.percent == int(100 * 3 / (2 * len(sectors)))
    gap = next(g for g in coverage["gaps"] if g["name"] == "Hackney")
    assert ("NHS", 2) not in gap["sectors"] and ("Local authority", 1) in gap["sectors"]
    by_link = {row["name"]: row for row in coverage["collector_rows"]}
    assert (by_link["DPH network"]["started"], by_link["DPH network"]["submitted"]) == (
        5,
        3,
    )
    assert by_link["DPH network"]["drop_off"] == 40.0
    assert (by_link["Hackney CSP"]["started"], by_link["Hackney CSP"]["submitted"]) == (
        1,
        1,
    )
    assert (by_link["Idle link"]["started"], by_link["Idle link"]["submitted"]) == (
        0,
        0,
    )
    direct = coverage["collector_rows"][-1]
    assert (direct["started"], direct["submitted"]) == (4, 3)
    assert (
        sum(r["started"] for r in coverage["collector_rows"])
        == Response.objects.filter(wave=open_wave).count()
    )


def test_coverage_map_shades_by_the_share_of_target(open_wave):
    _responses(open_wave)
    open_wave.coverage_target = 1
    open_wave.save()
    coverage = coverage_for(open_wave)
    tiles = {t["name"]: t for t in coverage["map"]["tiles"]}
    assert (
        tiles["Sutton"]["percent"] == 0 and "staff-coverage-0" in tiles["Sutton"]["css"]
    )
    # Two sectors (NHS, local authority) of all those offered reach 1.
    assert tiles["Hackney"]["percent"] == int(100 * 2 / len(coverage["sectors"]))
    assert "staff-coverage-1" in tiles["Hackney"]["css"]


def test_dashboard_shows_coverage_for_a_wave_within_a_fixed_query_cap(
    analyst_client, open_wave, django_assert_max_num_queries
):
    _responses(open_wave)
    url = f"{URL}?wave={open_wave.slug}"
    analyst_client.get(url)  # warm the session and permission caches
    with django_assert_max_num_queries(22) as captured:
        page = analyst_client.get(url)
    few = len(captured.captured_queries)
    text = page.content.decode()
    assert 'id="h-coverage"' in text and "DPH network" in text
    for _ in range(20):
        submitted(
            open_wave,
            {"consent": "yes", "sector": "nhs", "boroughs": ["sutton"]},
            collector=CollectorFactory(wave=open_wave),
        )
    with django_assert_max_num_queries(few):
        analyst_client.get(url)


def test_an_analyst_sets_the_target(analyst_client, open_wave):
    url = f"{URL}?wave={open_wave.slug}"
    response = analyst_client.post(url, {"coverage_target": "25"})
    assert response.status_code == HTTPStatus.FOUND
    open_wave.refresh_from_db()
    assert open_wave.coverage_target == 25


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Enter a target, such as 10"),
        ("0", "Enter a target of 1 or more"),
        ("ten", "Enter the target as a whole number, such as 10"),
        ("99999999999999999999", "Enter a target of 1,000 or fewer"),
    ],
)
def test_a_bad_target_is_explained_next_to_the_field(
    analyst_client, open_wave, value, message
):
    response = analyst_client.post(
        f"{URL}?wave={open_wave.slug}", {"coverage_target": value}
    )
    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()
    open_wave.refresh_from_db()
    assert open_wave.coverage_target == 10


def test_an_editor_cannot_see_coverage_or_set_the_target(editor_client, open_wave):
    url = f"{URL}?wave={open_wave.slug}"
    assert (
        editor_client.post(url, {"coverage_target": "3"}).status_code
        == HTTPStatus.FORBIDDEN
    )
    assert (
        editor_client.get(f"{CSV_URL}?wave={open_wave.slug}").status_code
        == HTTPStatus.FORBIDDEN
    )
    open_wave.refresh_from_db()
    assert open_wave.coverage_target == 10


def test_the_public_cannot_download_coverage(client, open_wave):
    response = client.get(f"{CSV_URL}?wave={open_wave.slug}")
    assert response.status_code == HTTPStatus.FOUND
    assert "login" in response["Location"]


def test_coverage_csv_has_the_table_with_safe_cells(analyst_client, open_wave):
    _responses(open_wave)
    response = analyst_client.get(f"{CSV_URL}?wave={open_wave.slug}")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = rows[0]
    assert header[0] == "Area" and header[-3:] == ["Total", "Coverage (%)", "Target"]
    hackney = next(row for row in rows if row[0] == "Hackney")
    assert hackney[header.index("NHS")] == "2"
    assert hackney[header.index("Total")] == "3"
    assert len(rows) == 1 + 33


def test_coverage_csv_of_an_unknown_wave_is_not_found(analyst_client):
    assert (
        analyst_client.get(f"{CSV_URL}?wave=nope").status_code == HTTPStatus.NOT_FOUND
    )


def test_a_wave_of_hostile_text_is_not_found_not_a_server_error(
    analyst_client, open_wave
):
    # PostgreSQL refuses a NUL in a query: such a "slug" must never reach one.
    for wave in ("a\x00b", "<script>", "x" * 300):
        assert analyst_client.get(CSV_URL, {"wave": wave}).status_code == (
            HTTPStatus.NOT_FOUND
        )
        posted = analyst_client.post(f"{URL}?wave=a%00b", {"coverage_target": "10"})
        assert posted.status_code == HTTPStatus.NOT_FOUND
        assert analyst_client.get(URL, {"wave": wave}).status_code == HTTPStatus.OK


def test_coverage_runs_four_queries_however_many_responses(
    open_wave, django_assert_num_queries
):
    _responses(open_wave)
    with django_assert_num_queries(4):
        coverage_for(open_wave)
    for _ in range(10):
        submitted(
            open_wave,
            {"consent": "yes", "sector": "vcs", "boroughs": ["sutton", "merton"]},
            collector=CollectorFactory(wave=open_wave),
        )
    with django_assert_num_queries(4):
        coverage = coverage_for(open_wave)
    assert len(coverage["collector_rows"]) == 3 + 10 + 1
