"""No figure on the page, in a chart, in a chart's CSV or in the PDF differs
from the snapshot's suppressed value: each is checked against the snapshot."""

import csv
import html
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from findings.charts import cell_text

pytestmark = pytest.mark.django_db

A4 = (595, 842)


def _text(value) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", value)).strip()


def _table_cells(page: str, table_id: str) -> list[list[str]]:
    block = page.split(f'aria-labelledby="{table_id}"', 1)[1].split("</section>", 1)[0]
    body = block.split("<tbody", 1)[1]
    return [
        [_text(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S)
    ]


def _expected(row: dict) -> list[str]:
    count = (
        row["status"].replace("_", " ") if row["count"] is None else str(row["count"])
    )
    if row["status"] == "fewer_than_10":
        count = "fewer than 10"
    percent = "not shown" if row["percent"] is None else f"{row['percent']}%"
    return [row["label"], count, percent]


def test_every_table_on_the_page_and_section_pages_matches_the_snapshot(
    client, demo_release
):
    snapshot = demo_release.snapshot
    page = client.get(demo_release.get_absolute_url()).content.decode()
    sections = {t["section"] for t in snapshot["tables"]} - {"headline"}
    pages = [page] + [
        client.get(
            reverse("findings:section", args=[demo_release.wave.slug, code])
        ).content.decode()
        for code in sections
    ]
    checked = 0
    for table in snapshot["tables"]:
        table_id = table["key"].replace(":", "-")
        for html_page in pages:
            if f'aria-labelledby="{table_id}"' not in html_page:
                continue
            cells = _table_cells(html_page, table_id)
            assert [c[:3] for c in cells] == [_expected(r) for r in table["rows"]]
            checked += 1
    # Each question's table is on its section's page (and, outside the
    # agreement picture's sections, on the release page too).
    assert checked >= len(snapshot["tables"]) - 2


def test_the_diverging_chart_and_its_table_match_the_snapshot(client, demo_release):
    snapshot = demo_release.snapshot
    page = client.get(demo_release.get_absolute_url()).content.decode()
    chart = page.split('<svg class="til-chart til-diverging"', 1)[1].split("</svg>")[0]
    titles = [_text(t) for t in re.findall(r"<rect[^>]*><title>(.*?)</title>", chart)]
    values = [
        _text(t) for t in re.findall(r'til-diverging__value[^"]*">(.*?)</text>', chart)
    ]
    expected_titles, expected_values = [], []
    for table in snapshot["tables"]:
        if table.get("type") != "agreement":
            continue
        for row in table["rows"]:
            if row["percent"]:
                expected_titles.append(f"{row['label']} {cell_text(row)} (demo data)")
                expected_values.append(f"{row['percent']}%")
    assert sorted(titles) == sorted(expected_titles)
    assert set(values) <= set(expected_values) and len(values) > 40
    agreement = page.split("til-agreement-table", 1)[1].split("</table>", 1)[0]
    for table in snapshot["tables"]:
        if table.get("type") != "agreement":
            continue
        counts = {r["figure"].rsplit(":", 1)[1]: r["count"] for r in table["rows"]}
        agreeing = counts["agree"] + counts["strongly_agree"]
        share = (200 * agreeing + table["base"]) // (2 * table["base"])
        assert f"{share}% ({agreeing})" in agreement


def test_every_chart_csv_matches_the_snapshot(client, demo_release):
    snapshot = demo_release.snapshot
    slug = demo_release.wave.slug
    by_figure = {
        (t["title"], r["label"]): r for t in snapshot["tables"] for r in t["rows"]
    }
    for table in snapshot["tables"]:
        chart = table["key"].replace(":", "-")
        text = client.get(reverse("findings:chart_csv", args=[slug, chart])).content
        rows = list(csv.reader(io.StringIO(text.decode())))
        header = rows.index(
            ["table", "question_code", "answer", "count", "percent", "base", "is_demo"]
        )
        for title, _, answer, count, percent, base, _ in rows[header + 1 :]:
            row = by_figure[(title, answer)]
            assert count == (
                str(row["count"]) if row["count"] is not None else cell_text(row)
            )
            assert percent == ("" if row["percent"] is None else str(row["percent"]))
            assert base == str(table["base"])
    text = client.get(reverse("findings:chart_csv", args=[slug, "agreement"])).content
    rows = list(csv.reader(io.StringIO(text.decode())))
    header = next(i for i, r in enumerate(rows) if r and r[0] == "group")
    for _, statement, _, answer, count, percent, _, _ in rows[header + 1 :]:
        row = by_figure[(statement, answer)]
        assert count == (
            str(row["count"]) if row["count"] is not None else cell_text(row)
        )
        assert percent == ("" if row["percent"] is None else str(row["percent"]))


def test_the_pdf_is_a4_marked_demo_on_every_page_and_carries_the_figures(
    client, demo_release, monkeypatch
):
    url = reverse("findings:report", args=[demo_release.wave.slug])
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) >= 3
    pages = [page.extract_text() for page in reader.pages]
    for page, text in zip(reader.pages, pages, strict=True):
        size = (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
        assert size == A4
        assert "DEMO DATA: synthetic, not real findings" in text
    # Words joined again where a line broke after a hyphen.
    text = " ".join(" ".join(pages).split()).replace("- ", "-")
    for point in demo_release.snapshot["main_points"]:
        assert " ".join(point["text"].split()) in text
    shown = [
        (row["count"], row["percent"])
        for table in demo_release.snapshot["tables"]
        for row in table["rows"]
        if row["percent"] is not None
    ]
    assert shown and all(f"{count} {percent}%" in text for count, percent in shown)
    # Built once: the stored report answers the next request without WeasyPrint.
    demo_release.refresh_from_db()
    assert bytes(demo_release.report_pdf) == response.content
    monkeypatch.setattr(
        "findings.report.report_build",
        lambda *args: pytest.fail("the stored report should be used"),
    )
    assert client.get(url).content == response.content


def test_republishing_builds_a_new_report(client, demo_release, analyst):
    from findings.services import release_publish, release_unpublish

    release_unpublish(release=demo_release, user=analyst)
    demo_release.refresh_from_db()
    assert demo_release.report_pdf == b"" or bytes(demo_release.report_pdf) == b""
    assert demo_release.report_for is None
    release_publish(release=demo_release, user=analyst)
    url = reverse("findings:report", args=[demo_release.wave.slug])
    assert client.get(url).status_code == 200
    demo_release.refresh_from_db()
    assert demo_release.report_for == demo_release.published_at
