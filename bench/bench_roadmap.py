"""Roadmap pages at scale: case-study matching and the sector comparison.

With the real roadmap content, 1,000 published case studies and 10,000 saved
self-assessment results, times:
- choosing case studies for all 21 cells with one fetch and matching in Python
  (``roadmap.journey``), beside one ``CaseStudy.objects.tagged()`` query per cell;
- the sector comparison as one aggregate query (``stage_counts``), beside
  reading every result's profile and counting in Python;
- the journey and results pages through the Django test client, with their
  query counts;
- the route map (issue 10): the map page, its NHS lens and a results page,
  each beside the same page rendered without the map's SVG (its template
  swapped for an empty one), in the same run; target: the map adds at most 1.5x;
- the map shaded by the demo findings release (issue 21), beside the same page
  with that release taken off (status only, so the snapshot stays), alternating.
"""

import copy
import random
import statistics
import time
from collections import Counter
from contextlib import contextmanager

from django.conf import settings
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from bench.timing import REPEATS, median_ms
from casestudies.models import CaseStudy
from findings.models import FindingsRelease
from roadmap import scoring, services
from roadmap.journey import framework, published_case_studies
from roadmap.models import DomainStage, SelfAssessment, Statement
from roadmap.scoring import Rating
from throttling.tokens import token_hash
from vocabulary.choices import Component, Domain, Principle, R, Sector

CASE_STUDIES = 1_000
RESULTS = 10_000
SECTORS = [Sector.LOCAL_AUTHORITY, Sector.MET_POLICE, Sector.NHS, Sector.VCS]


def _median_ms(function) -> float:
    """No warming call: each figure includes its first, cold run."""
    return median_ms(function, warm=False)


def _some(rng, choices, low=1, high=3):
    return rng.sample(list(choices.values), rng.randint(low, high))


def _build(rng) -> str:
    """Load the content, the case studies and the results; return one token."""
    services.roadmap_content_load()
    now = timezone.now()
    CaseStudy.objects.bulk_create(
        [
            CaseStudy(
                title=f"Bench case study {n}",
                slug=f"bench-case-study-{n}",
                summary="A summary.",
                body="A body.",
                sectors=_some(rng, Sector, 1, 2),
                places=["pan_london"],
                rs=_some(rng, R),
                principles=_some(rng, Principle),
                domains=_some(rng, Domain, 1, 2),
                components=_some(rng, Component, 0, 3),
                evidence="practitioner_reported",
                status=CaseStudy.Status.PUBLISHED,
                published_at=now,
            )
            for n in range(CASE_STUDIES)
        ],
        batch_size=500,
    )
    statements = list(Statement.objects.all())
    results = []
    for n in range(RESULTS - 1):
        answers = {s.code: rng.choice(Rating.values) for s in statements}
        results.append(
            SelfAssessment(
                token_digest=token_hash(f"bench-{n}"),
                sector=rng.choice(SECTORS),
                answers=answers,
                profile={
                    domain: str(reached)
                    for domain, reached in scoring.profile(answers, statements).items()
                },
            )
        )
    SelfAssessment.objects.bulk_create(results, batch_size=1000)
    _, token = services.self_assessment_create(
        sector=Sector.NHS,
        answers={s.code: rng.choice(Rating.values) for s in statements},
        statements=statements,
    )
    return token


def _per_cell_queries():
    """The baseline: one tagged() query per cell."""
    for cell in DomainStage.objects.all():
        list(
            CaseStudy.objects.published().tagged(
                domains=[cell.domain],
                rs=cell.rs,
                principles=cell.principles,
                components=cell.components,
            )[:3]
        )


def _python_counts():
    """The baseline: read every profile in the sector and count in Python."""
    counts = Counter()
    for profile in SelfAssessment.objects.filter(sector=Sector.NHS).values_list(
        "profile", flat=True
    ):
        counts.update(profile.items())
    return counts


def _page(client, url) -> tuple[float, int]:
    # Each request clears the query log as it starts; start from empty too.
    reset_queries()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return _median_ms(lambda: client.get(url)), len(context.captured_queries)


ROUTE_MAP_TEMPLATE = "roadmap/includes/route_map.html"
ROUTE_MAP_ROUNDS = 4


@contextmanager
def _templates(*, with_map: bool):
    """Cached template loading, with the route map's SVG or an empty stand-in.

    Both sides use the same loaders, so the only difference is the SVG.
    """
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["APP_DIRS"] = False
    loaders = [
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
    if not with_map:
        empty = {ROUTE_MAP_TEMPLATE: ""}
        loaders.insert(0, ("django.template.loaders.locmem.Loader", empty))
    templates[0]["OPTIONS"]["loaders"] = [
        ("django.template.loaders.cached.Loader", loaders)
    ]
    with override_settings(TEMPLATES=templates):
        yield


def _route_map(report, client, token):
    """Each map page beside itself without the SVG, in the same run."""
    report.heading("Route map: pages with and without the map's SVG")
    for name, url in [
        ("Journey map", "/roadmap/journey/"),
        ("Journey map, NHS lens", "/roadmap/journey/?sector=nhs"),
        (
            "Results page with you are here",
            f"/roadmap/self-assessment/results/{token}/",
        ),
    ]:
        # Alternate the two sides, so load from other work on the machine
        # falls on both alike.
        timings = {True: [], False: []}
        for _ in range(ROUTE_MAP_ROUNDS):
            for with_map in (True, False):
                with _templates(with_map=with_map):
                    html = client.get(url).content.decode()
                    assert ('<svg class="til-map__svg"' in html) == with_map
                    for _ in range(REPEATS):
                        started = time.perf_counter()
                        client.get(url)
                        timings[with_map].append((time.perf_counter() - started) * 1000)
        report.compare(
            f"{name}: with the map",
            statistics.median(timings[True]),
            statistics.median(timings[False]),
            "ms",
            baseline_name="without the SVG",
            target="<= 1.5x",
        )


def _survey_shading(report, client):
    """The journey page shaded by a published release, beside it unshaded."""
    from findings.demo import BASELINE_SLUG
    from findings.demo import seed_demo as findings_seed

    findings_seed()
    release = FindingsRelease.objects.filter(wave__slug=BASELINE_SLUG)
    published_at = release.get().published_at
    report.heading("Route map: shaded by the survey's figures, and not")
    timings = {True: [], False: []}
    for _ in range(ROUTE_MAP_ROUNDS):
        for shaded in (True, False):
            if shaded:
                release.update(status="published", published_at=published_at)
            else:
                release.update(status="draft", published_at=None)
            html = client.get("/roadmap/journey/").content.decode()
            assert ("til-map__station--shade" in html) == shaded
            for _ in range(REPEATS):
                started = time.perf_counter()
                client.get("/roadmap/journey/")
                timings[shaded].append((time.perf_counter() - started) * 1000)
    release.update(status="published", published_at=published_at)
    report.compare(
        "Journey map: shaded",
        statistics.median(timings[True]),
        statistics.median(timings[False]),
        "ms",
        baseline_name="no release published",
    )


def run(report):
    """Build the data, then print each figure beside its baseline."""
    rng = random.Random(6)
    started = time.perf_counter()
    token = _build(rng)
    report.heading(
        f"Roadmap with {CASE_STUDIES:,} case studies and {RESULTS:,} results"
    )
    report.figure("Set-up", time.perf_counter() - started, "s")

    report.compare(
        "Case studies for 21 cells: one fetch, matched in Python",
        _median_ms(lambda: framework(case_studies=published_case_studies())),
        _median_ms(_per_cell_queries),
        "ms",
        baseline_name="21 tagged() queries",
    )
    report.compare(
        "Sector comparison: one aggregate query",
        _median_ms(
            lambda: SelfAssessment.objects.filter(sector=Sector.NHS).stage_counts()
        ),
        _median_ms(_python_counts),
        "ms",
        baseline_name="count in Python",
    )

    client = Client(HTTP_HOST="localhost")
    for name, url in [
        ("Journey page", "/roadmap/journey/"),
        ("Journey page, NHS view", "/roadmap/journey/?sector=nhs"),
        ("Results page with comparison", f"/roadmap/self-assessment/results/{token}/"),
    ]:
        milliseconds, queries = _page(client, url)
        report.figure(f"{name}: time", milliseconds, "ms")
        report.figure(f"{name}: queries", queries, "queries")

    _route_map(report, client, token)
    _survey_shading(report, client)
