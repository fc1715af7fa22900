"""Case-study search with 10,000 case studies: full-text search against icontains.

Builds a library of 10,000 case studies whose text is recombined from the seed
case studies' sentences (so word frequencies look like real ones), then times
the first page of ``CaseStudy.objects.published().search(q).summaries()``
(ranked, GIN index) for about 50 queries, beside a naive ``icontains`` search
over title, summary and body on the same rows in the same run. Also times the
whole list page through the Django test client.
"""

import datetime
import random
import re
import statistics
import time

from django.db import connection
from django.db.models import Q
from django.test import Client
from django.utils import timezone
from faker import Faker

from casestudies.demo import load_seed
from casestudies.models import FACETS, CaseStudy

CASE_STUDIES = 10_000
BATCH = 500
REPEATS = 5
PAGE = 10
CLIENT_QUERIES = 15

QUERIES = [
    "custody",
    "patrolling",
    "training",
    "wellbeing",
    "trauma",
    "staff wellbeing",
    "reflective practice",
    '"family hubs"',
    '"golden record"',
    "murals clocks",
    "safeguarding forms",
    "custody -police",
    "police or nhs",
    "vicarious trauma",
    "sanctuary model",
    "care leavers",
    "early help",
    "lived experience",
    "mentors",
    "café",
    "co-produced",
    "champions",
    "evaluation",
    "independently evaluated",
    "referrals",
    "information sharing",
    "data sharing police",
    "schools",
    "housing",
    "young people",
    "youth workers",
    "emergency department",
    "A&E",
    "prison family",
    "invisible walls",
    "resilience",
    "supervisors",
    "breakout areas",
    "phased return",
    "booklets easy-read",
    "distraction packs",
    "safety plans",
    "funding case",
    "commissioned",
    "pilot",
    "baseline",
    "leadership",
    "co-production -police",
    "Hackney",
    "zebra crossing",
]

ORGANISATIONS = [
    "a borough council",
    "an NHS trust",
    "a youth charity",
    "a police force",
    "a housing association",
    "a primary care network",
    "a community safety partnership",
    "a further education college",
    "a mental health trust",
    "a faith group",
]
TOPICS = [
    "trauma-informed custody",
    "staff wellbeing",
    "family hubs",
    "reflective supervision",
    "lived-experience mentors",
    "early help",
    "school inclusion",
    "hospital navigators",
    "housing first",
    "co-produced training",
    "safer waiting rooms",
    "information sharing",
]


def _seed_sentences() -> list[list[str]]:
    """The sentences of each seed case study, without Markdown syntax."""
    by_case_study = []
    for entry in load_seed():
        text = f"{entry['summary']} {entry['body']} {entry['outcomes']}"
        text = re.sub(r"^#+ .*$", "", text, flags=re.MULTILINE)
        text = re.sub(r"[*]|^\s*- ", " ", text, flags=re.MULTILINE)
        by_case_study.append(
            [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 30]
        )
    return by_case_study


class Writer:
    """Case-study text: a seed case study's sentences mixed with varied prose.

    Each generated case study retells one of the seed case studies (a few of
    its sentences), surrounded by sentences drawn from a general English word
    list and invented names, so topic words such as "custody" are in a share
    of the library and most words are spread thinly, as in real writing.
    """

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.seed = _seed_sentences()
        self.prose = Faker("en_US")
        self.names = Faker("en_GB")
        self.prose.seed_instance(rng.randint(0, 2**32))
        self.names.seed_instance(rng.randint(0, 2**32))

    def sentence(self) -> str:
        """One sentence of general prose, sometimes naming people and places."""
        if self.rng.random() < 0.2:
            return (
                f"The {self.names.job().lower()} at {self.names.company()} in "
                f"{self.names.city()} {self.prose.sentence(nb_words=8).lower()}"
            )
        return self.prose.sentence(nb_words=self.rng.randint(8, 18))

    def paragraph(self, parent: list[str]) -> str:
        """A few sentences from the parent case study among general prose."""
        sentences = self.rng.sample(parent, min(len(parent), self.rng.randint(1, 2)))
        sentences += [self.sentence() for _ in range(self.rng.randint(3, 5))]
        self.rng.shuffle(sentences)
        return " ".join(sentences)

    def case_study(self, n: int) -> CaseStudy:
        """An unsaved case study with varied text and tags."""
        rng = self.rng
        parent = rng.choice(self.seed)
        codes = {name: list(vocabulary.values) for name, vocabulary in FACETS.items()}
        organisation = self.names.company()
        body = "\n\n".join(
            f"## {heading}\n\n{self.paragraph(parent)}"
            for heading in (
                "What they did",
                "Why it matters",
                "What changed",
                "For London",
            )
        )
        places = rng.sample(codes["places"], rng.randint(1, 2))
        published = rng.random() < 0.9
        return CaseStudy(
            title=f"{organisation}: {rng.choice(TOPICS)} ({n})",
            slug=f"bench-{n}",
            summary=f"{rng.choice(parent)} {self.sentence()}",
            body=body,
            organisations=[organisation],
            sectors=rng.sample(codes["sectors"], rng.randint(1, 2)),
            places=places,
            place_detail=self.names.city() if "outside_london" in places else "",
            rs=rng.sample(codes["rs"], rng.randint(1, 4)),
            principles=rng.sample(codes["principles"], rng.randint(1, 4)),
            domains=rng.sample(codes["domains"], rng.randint(1, 3)),
            components=rng.sample(codes["components"], rng.randint(0, 4)),
            evidence=rng.choice(codes["evidence"]),
            evidence_note=self.sentence(),
            outcomes="\n".join(f"- {self.sentence()}" for _ in range(3)),
            status="published" if published else "draft",
            published_at=(
                timezone.now() - datetime.timedelta(days=rng.randint(0, 900))
                if published
                else None
            ),
        )


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def _time(run, queries) -> list[float]:
    """Milliseconds per call, REPEATS times per query after one warm-up."""
    timings = []
    for query in queries:
        run(query)
        for _ in range(REPEATS):
            started = time.perf_counter()
            run(query)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


# Both searches fetch the columns the list page fetches (summaries()), so the
# figures are the query the page runs, not the cost of shipping unused text.
def _full_text_first_page(query: str) -> list:
    return list(CaseStudy.objects.published().search(query).summaries()[:PAGE])


def _icontains_first_page(query: str) -> list:
    return list(
        CaseStudy.objects.published()
        .filter(
            Q(title__icontains=query)
            | Q(summary__icontains=query)
            | Q(body__icontains=query)
        )
        .summaries()
        .order_by("-published_at", "title")[:PAGE]
    )


def run(report) -> None:
    """Create 10,000 case studies, then time both searches and the list page."""
    writer = Writer(random.Random(20250110))
    report.heading(f"Case-study search, {CASE_STUDIES:,} case studies")
    started = time.perf_counter()
    for start in range(0, CASE_STUDIES, BATCH):
        CaseStudy.objects.bulk_create(
            writer.case_study(n) for n in range(start, min(start + BATCH, CASE_STUDIES))
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE casestudies_casestudy")
    report.figure(
        "bulk_create with generated search vectors", time.perf_counter() - started, "s"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT avg(length(body)), avg(pg_column_size(search_vector)) "
            "FROM casestudies_casestudy"
        )
        body_chars, vector_bytes = cursor.fetchone()
    report.figure("average body length", float(body_chars), "characters")
    report.figure("average search vector size", float(vector_bytes), "bytes")
    matches = [CaseStudy.objects.published().search(q).count() for q in QUERIES]
    report.figure("median matches per query", statistics.median(matches), "rows")

    full_text = _time(_full_text_first_page, QUERIES)
    naive = _time(_icontains_first_page, QUERIES)
    for pct in (50, 95):
        report.compare(
            f"search p{pct}, first page ranked ({len(QUERIES)} queries)",
            _percentile(full_text, pct),
            _percentile(naive, pct),
            "ms",
            baseline_name="icontains on title/summary/body",
            target="p95 < 50 ms" if pct == 95 else "",
        )

    client = Client(HTTP_HOST="localhost")

    def list_page(query: str) -> None:
        response = client.get("/case-studies/", {"q": query, "principles": "choice"})
        assert response.status_code == 200

    def naive_page(query: str) -> None:
        _icontains_first_page(query)

    page_timings = _time(list_page, QUERIES[:CLIENT_QUERIES])
    report.compare(
        f"list page with search and a filter p95 ({CLIENT_QUERIES} queries)",
        _percentile(page_timings, 95),
        _percentile(_time(naive_page, QUERIES[:CLIENT_QUERIES]), 95),
        "ms",
        baseline_name="icontains query alone",
    )
