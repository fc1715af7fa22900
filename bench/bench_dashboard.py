"""The analysts' dashboard at 100,000 responses, and a findings release read back.

Dashboard: the page's server time through Django's test client, signed in as an
analyst, against the same page counting its answers, sectors and boroughs as
the current dashboard does (``ResponseFiguresMixin``: the answers through the
``survey_response_answer`` view, then two more grouped queries), in the same run.
Target: under 500 ms at 100,000 responses. The page is also timed against the
index survey migration 0014 replaced (the counts' covering index dropped in a
rolled-back savepoint), the two alternating.

Release: the 100,000-response wave's release is published, then its page is
timed from the snapshot (target under 50 ms) beside the site's accessibility
statement (a page with no query of its own), and its A4 PDF report is built
(target under 10 s) beside the same report rendered as HTML only.
"""

import statistics

from bench.timing import analyst_client, median_ms


def figures_before(wave, codes: list[str]) -> tuple[dict, dict, dict]:
    """The dashboard's answers, sectors and boroughs as the current dashboard
    counts them: ``ResponseFiguresMixin`` (answers through the
    ``survey_response_answer`` view, then sectors and boroughs)."""
    from survey.models import Response

    responses = (
        Response.objects.all() if wave is None else Response.objects.for_wave(wave)
    )
    counts = responses.answer_counts([*codes, "example_rs"])
    return (
        counts,
        responses.submitted_count_by_sector(),
        responses.submitted_count_by_borough(),
    )


def run(report):
    """Time the dashboard, the release page and the PDF report at 100,000."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from bench.bench_exports import wave_with_responses
    from staff import dashboard
    from survey.models import Response

    report.heading("Dashboard at 100,000 responses")
    big = wave_with_responses("bench-100k", 100_000, seed=100)
    # As autovacuum leaves a table after a bulk load: statistics, and the
    # visibility map that lets the counts read only the covering index.
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {Response._meta.db_table}")
    client = analyst_client()
    url = reverse("admin:dashboard")

    def page(**params):
        def get():
            response = client.get(url, params)
            assert response.status_code == 200

        return get

    # Both ways publish the same figures.
    codes = [q.code for q in dashboard.agreement_questions_for(big)]
    assert dashboard.submitted_figures(big, codes) == figures_before(big, codes)
    with CaptureQueriesContext(connection) as queries:
        page(wave=big.slug)()
    report.figure("Queries for the dashboard of one wave", len(queries), "queries")
    ours = {
        "one wave": median_ms(page(wave=big.slug)),
        "all waves": median_ms(page()),
    }
    ours_figures = dashboard.submitted_figures
    dashboard.submitted_figures = figures_before
    try:
        before = {
            "one wave": median_ms(page(wave=big.slug)),
            "all waves": median_ms(page()),
        }
    finally:
        dashboard.submitted_figures = ours_figures
    for name in ours:
        report.compare(
            f"Dashboard page, {name} (median server time)",
            ours[name],
            before[name],
            "ms",
            baseline_name="counting with ResponseFiguresMixin",
            target="under 500 ms",
        )
    report.compare(
        "Dashboard page, one wave, with the covering index (median server time)",
        *_with_and_without_covering_index(page(wave=big.slug)),
        "ms",
        baseline_name="the index it replaced, on (wave, status) only",
        target="under 500 ms",
    )
    _release(report, client, big)


def _with_and_without_covering_index(get, pairs: int = 7) -> tuple[float, float]:
    """The page's median time with the covering index, and with survey
    migration 0014 undone (the index on (wave, status) alone) in a savepoint
    rolled back after each call; the two alternate, so a change in the
    machine's load falls on both alike."""
    from django.db import connection, transaction

    with_index, without_index = [], []
    get()
    for _ in range(pairs):
        with_index.append(median_ms(get, repeats=1, warm=False))
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("DROP INDEX survey_resp_wave_counts")
                cursor.execute(
                    "CREATE INDEX survey_resp_wave_status"
                    " ON survey_response (wave_id, status)"
                )
            without_index.append(median_ms(get, repeats=1))
            transaction.set_rollback(True)
    return statistics.median(with_index), statistics.median(without_index)


def _release(report, client, wave):
    from django.urls import reverse

    from findings.models import FindingsRelease
    from findings.report import report_build, report_html
    from findings.services import release_publish

    report.heading("A findings release at 100,000 responses, read from its snapshot")
    release, _ = FindingsRelease.objects.get_or_create(
        wave=wave, defaults={"title": "Bench release"}
    )
    if not release.is_published:
        release = release_publish(release=release, user=None)

    def get(url):
        def fetch():
            response = client.get(url)
            assert response.status_code == 200

        return fetch

    report.compare(
        "Release page from its snapshot (median server time)",
        median_ms(get(release.get_absolute_url())),
        median_ms(get(reverse("pages:accessibility"))),
        "ms",
        baseline_name="the accessibility statement (no query of its own)",
        target="under 50 ms",
    )
    source = "http://testserver" + release.get_absolute_url()
    report.compare(
        "PDF report built from the snapshot (median)",
        median_ms(lambda: report_build(release.snapshot, source), repeats=3),
        median_ms(lambda: report_html(release.snapshot, source), repeats=3),
        "ms",
        baseline_name="the same report as HTML only",
        target="under 10,000 ms",
    )
