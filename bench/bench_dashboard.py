"""The analysts' dashboard at 100,000 responses, and a findings release read back.

Dashboard: the page's server time through Django's test client, signed in as an
analyst, reading the answer counts PostgreSQL keeps (``survey.AnswerCount``,
decision 0017), against the same page counting the answers from every answer
document on each request, as it did before (the findings' former tally, kept
here as the baseline), in the same run. Target: under 500 ms at 100,000
responses. The page is also timed against the index survey migration 0014
replaced (the counts' covering index dropped in a rolled-back savepoint), the
two alternating.

What keeping the counts costs a write: a bulk load of submitted responses, and
one submission, with the counting triggers and with them disabled in a
rolled-back savepoint.

Release: the 100,000-response wave's release is published, then its page is
timed from the snapshot (target under 50 ms) beside the site's accessibility
statement (a page with no query of its own), and its A4 PDF report is built
(target under 10 s) beside the same report rendered as HTML only.
"""

import re
import statistics
import time

from bench.timing import analyst_client, median_ms

SAFE_CODE = re.compile(r"^[a-z0-9_-]{1,40}$")
TRIGGERS = (
    "survey_answer_count_insert",
    "survey_answer_count_update",
    "survey_answer_count_delete",
)


def figures_reading_answers(wave, codes: list[str]) -> tuple[dict, dict, dict]:
    """The dashboard's answers, sectors and boroughs counted from the answer
    documents, as the findings' tally did before decision 0017: each document
    parsed once (``jsonb_to_record``), every count a ``FILTER`` aggregate."""
    from django.db import connection

    from staff.dashboard import AGREEMENT_CODES
    from survey.models import Response
    from vocabulary.choices import Borough, R

    options = dict.fromkeys(codes, AGREEMENT_CODES)
    options["example_rs"] = [r.value for r in R]
    columns = sorted(code for code in options if SAFE_CODE.match(code))
    aggregates, params, keys = [], [], []
    for code in columns:
        for option in options[code]:
            aggregates.append(f'count(*) FILTER (WHERE a."{code}" ? %s)')
            params.append(option)
            keys.append((code, option))
    for borough in Borough.values:
        aggregates.append("count(*) FILTER (WHERE %s = ANY(r.boroughs))")
        params.append(borough)
        keys.append(("boroughs", borough))
    lateral = ", ".join(f'"{code}" jsonb' for code in columns)
    sql = (
        f"SELECT r.sector, count(*), {', '.join(aggregates)}"  # noqa: S608
        f" FROM {Response._meta.db_table} r"
        f" CROSS JOIN LATERAL jsonb_to_record(r.answers) AS a({lateral})"
        f" WHERE {'' if wave is None else 'r.wave_id = %s AND '}r.status = %s"
        " GROUP BY r.sector"
    )
    where = ["submitted"] if wave is None else [wave.pk, "submitted"]
    counts = {code: {} for code in options}
    sectors, boroughs = {}, {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *where])
        for sector, total, *numbers in cursor.fetchall():
            sectors[sector] = total
            for (code, option), number in zip(keys, numbers, strict=True):
                if not number:
                    continue
                into = boroughs if code == "boroughs" else counts[code]
                into[option] = into.get(option, 0) + number
    return counts, sectors, boroughs


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
    assert dashboard.submitted_figures(big, codes) == figures_reading_answers(
        big, codes
    )
    with CaptureQueriesContext(connection) as queries:
        page(wave=big.slug)()
    report.figure("Queries for the dashboard of one wave", len(queries), "queries")
    ours = {
        "one wave": median_ms(page(wave=big.slug)),
        "all waves": median_ms(page()),
    }
    ours_figures = dashboard.submitted_figures
    dashboard.submitted_figures = figures_reading_answers
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
            baseline_name="counting every answer document (the code before)",
            target="under 500 ms",
        )
    report.compare(
        "Dashboard page, one wave, with the covering index (median server time)",
        *_with_and_without_covering_index(page(wave=big.slug)),
        "ms",
        baseline_name="the index it replaced, on (wave, status) only",
        target="under 500 ms",
    )
    _writes(report, big)
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


def _writes(report, wave, rounds: int = 3, batch: int = 5_000, single: int = 200):
    """What keeping the counts costs a write: ``batch`` submitted responses
    in one bulk insert, and ``single`` responses saved as submitted one at a
    time, with the triggers and with them disabled; each in a savepoint rolled
    back, the two alternating, median of ``rounds``."""
    from django.db import connection, transaction
    from django.utils import timezone

    from survey.models import Response

    report.heading("What keeping the answer counts costs a write")
    answers = list(
        Response.objects.filter(wave=wave).values_list("answers", flat=True)[:500]
    )

    def responses(count: int, tag: str) -> list:
        made = []
        for number in range(count):
            response = Response(
                wave=wave,
                status=Response.Status.SUBMITTED,
                reference=f"W{tag}-{number:07d}",
                resume_token_hash=f"writes-{tag}-{number}",
                submitted_at=timezone.now(),
            )
            response.set_answers(answers[number % len(answers)], set())
            made.append(response)
        return made

    def timed(write, counted: bool) -> float:
        with transaction.atomic():
            if not counted:
                with connection.cursor() as cursor:
                    for trigger in TRIGGERS:
                        cursor.execute(
                            f"ALTER TABLE {Response._meta.db_table}"
                            f" DISABLE TRIGGER {trigger}"
                        )
            started = time.perf_counter()
            write()
            elapsed = time.perf_counter() - started
            transaction.set_rollback(True)
        return elapsed * 1000

    def bulk():
        Response.objects.bulk_create(responses(batch, "bulk"))

    def one_by_one():
        for response in responses(single, "one"):
            response.save()

    for name, write, per in (
        (f"Bulk insert of {batch:,} submitted responses", bulk, 1),
        ("One response saved as submitted (mean of 200)", one_by_one, single),
    ):
        with_counts, without = [], []
        for _ in range(rounds):
            with_counts.append(timed(write, counted=True) / per)
            without.append(timed(write, counted=False) / per)
        report.compare(
            name,
            statistics.median(with_counts),
            statistics.median(without),
            "ms",
            baseline_name="the counting triggers disabled",
        )


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
