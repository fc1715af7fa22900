"""The responses list in the admin at 100,000 responses.

Signs in as an analyst (password step skipped, TOTP device verified) and times
the list's server time through Django's test client, against baselines from
the same run: the same list filtered to a wave of 1,000 responses, a bare
``SELECT count(*)`` over the 100,000; and free-text searches (full-text
prefilter on ``search_vector``, then ``search_text``) against the unfiltered
list and against the former scan of every response's JSON answers. EXPLAIN
shows which plan the page query takes.

Then the dashboard's coverage section for the 100,000-response wave (borough by
sector against the target, and started and submitted by collector), against
the same figures counted in Python over the rows read from the database.
"""

from bench.timing import analyst_client, median_ms


def run(report):
    """Time the changelist at 100,000 and at 1,000 rows, and a bare count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from bench.bench_exports import wave_with_responses
    from survey.models import Response

    report.heading("Admin: the responses list at 100,000 responses")
    big = wave_with_responses("bench-100k", 100_000, seed=100)
    small = wave_with_responses("bench-1k", 1_000, seed=1)
    total = Response.objects.submitted().count()
    # As autovacuum would soon after a bulk load: the planner needs statistics.
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Response._meta.db_table}")

    client = analyst_client()
    url = reverse("admin:survey_response_changelist")

    def full_list():
        response = client.get(url)
        assert response.status_code == 200

    def small_list():
        response = client.get(url, {"wave__id__exact": small.pk})
        assert response.status_code == 200

    def searcher(term):
        def search():
            response = client.get(url, {"q": term})
            assert response.status_code == 200

        return search

    def bare_count():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {Response._meta.db_table}")  # noqa: S608
            cursor.fetchone()

    full_list()
    with CaptureQueriesContext(connection) as queries:
        full_list()
    report.figure("Submitted responses in the table", total, "responses")
    report.figure("Queries for one list page", len(queries), "queries")
    full_ms = median_ms(full_list)
    report.compare(
        f"List page at {total:,} responses (median server time)",
        full_ms,
        median_ms(small_list),
        "ms",
        baseline_name="list filtered to a 1,000-response wave",
    )
    report.compare(
        f"List page at {total:,} responses",
        full_ms,
        median_ms(bare_count),
        "ms",
        baseline_name="bare SELECT count(*) of the table",
    )
    # A common word in long answers, an organisation, and a word no response
    # holds (the worst case for walking the list's order and filtering).
    for term, what in (
        ("reflective", "a common word"),
        ("Hackney", "an organisation"),
        ("reflective supervision", "two words"),
        ("zebrafish", "a word nobody wrote"),
    ):
        report.compare(
            f"Search for {what} ({term!r}) over {total:,} responses",
            median_ms(searcher(term)),
            full_ms,
            "ms",
            baseline_name="unfiltered list",
        )
    # A common word is best served by walking the list's order and filtering
    # (the first page fills at once); a rare one must come from the index.
    _search_plan(client, url, "reflective")
    plan = _search_plan(client, url, "zebrafish")
    report.figure(
        "Search for a rare word: page query uses the full-text index (1 = yes)",
        int("survey_resp_search_vector" in plan),
        "",
    )
    report.compare(
        f"Search for 'reflective' over {total:,} responses",
        median_ms(searcher("reflective")),
        median_ms(_old_scan),
        "ms",
        baseline_name="the former scan of every response's JSON answers (SQL only)",
    )
    _coverage(report, big)


def _coverage(report, wave):
    """Coverage at 100,000 responses: SQL GROUP BYs against a Python count."""
    from collections import Counter

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from staff.coverage import coverage_for
    from survey.models import Collector, Response

    report.heading("Dashboard: coverage at 100,000 responses")
    if not Collector.objects.filter(wave=wave).exists():
        collectors = Collector.objects.bulk_create(
            Collector(wave=wave, name=f"Bench link {n}", kind="network")
            for n in range(20)
        )
        ids = [None, *(c.pk for c in collectors)]
        table = Response._meta.db_table
        # Spread the responses over the links and "direct"; they stay submitted,
        # as the other benchmarks reuse this wave.
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET collector_id = (ARRAY[%s]::bigint[])[1 + id %% %s]"  # noqa: S608
                " WHERE wave_id = %s",
                [ids, len(ids), wave.pk],
            )
            cursor.execute(f"ANALYZE {table}")

    with CaptureQueriesContext(connection) as queries:
        coverage = coverage_for(wave)
    report.figure("Queries for the coverage section", len(queries), "queries")

    def python_count():
        cells, links = Counter(), Counter()
        rows = Response.objects.filter(wave=wave).values_list(
            "status", "sector", "boroughs", "collector_id"
        )
        for status, sector, boroughs, collector in rows.iterator(chunk_size=5000):
            done = status == Response.Status.SUBMITTED
            links[collector, "started"] += 1
            if done:
                links[collector, "submitted"] += 1
                for borough in boroughs:
                    cells[borough, sector] += 1
        return cells, links

    cells, links = python_count()
    # The same figures both ways, or the timing means nothing.
    sectors = [
        code for code, _ in __import__("staff.coverage").coverage.sectors_of(wave)
    ]
    for row in coverage["rows"]:
        assert row.counts == [cells[row.code, s] for s in sectors], row.name
    assert sum(r["started"] for r in coverage["collector_rows"]) == sum(
        n for (_, kind), n in links.items() if kind == "started"
    )
    report.compare(
        "Coverage section at 100,000 responses (median)",
        median_ms(lambda: coverage_for(wave)),
        median_ms(python_count),
        "ms",
        baseline_name="the same counts in Python over the rows",
        target="under 500 ms",
    )


def _search_plan(client, url, term: str) -> str:
    """EXPLAIN of the list's main query for one search, as text."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url, {"q": term})
    sql = next(
        q["sql"]
        for q in queries.captured_queries
        if "LIMIT" in q["sql"]
        and ("search_vector" in q["sql"] or "search_text" in q["sql"])
    )
    print(f"  EXPLAIN of the page query for {term!r}:")
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    print("    " + plan.replace("\n", "\n    "))
    return plan


def _old_scan():
    """The search as it was: jsonb_each_text over every submitted response."""
    from django.db import connection

    from survey.models import Question, Response

    keys = sorted(
        {c for c, t in Question.objects.values_list("code", "type") if "text" in t}
        | {
            f"{c}_other"
            for c in Question.objects.filter(other_text=True).values_list(
                "code", flat=True
            )
        }
    )
    where = (
        f"FROM {Response._meta.db_table} r WHERE r.status = 'submitted' AND ("  # noqa: S608
        "UPPER(r.organisation) LIKE '%%REFLECTIVE%%' OR EXISTS (SELECT 1 FROM "
        "jsonb_each_text(r.answers) kv WHERE kv.key = ANY(%s) "
        "AND kv.value ILIKE '%%reflective%%'))"
    )
    # As the admin does: count the matches, then read the first page.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) {where}", [keys])
        cursor.fetchall()
        cursor.execute(
            f"SELECT id {where} ORDER BY r.submitted_at DESC, r.id DESC LIMIT 51",
            [keys],
        )
        cursor.fetchall()
