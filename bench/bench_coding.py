"""Coding free text: the coding page, agreement, suggested themes, code counts.

Uses the export benchmark's waves of 10,000 and 100,000 submitted responses
(realistic answers; about half of each long-text question answered), codes
some of their answers in bulk, then measures in this process:
- the coding page (one answer, its codes, progress, neighbours), p95 over 60
  answers with "uncoded only" on, against the response detail page analysts
  already use, in the same run. Target: p95 under 100 ms;
- the agreement page for a 1,000-answer double-coded sample, against the
  agreement maths alone over the same codings. Target: under 1 s;
- suggested themes (TF-IDF and NMF) for 5,000 answers, against TF-IDF alone.
  Target: under 10 s;
- code counts by sector at 100,000 responses (``code_counts_by_sector``, in
  PostgreSQL), against the agreed coding worked out in Python and counted.
  Target: under 1 s.
"""

import random
import statistics
import time

from bench.bench_exports import LARGE, SMALL, wave_with_responses

CODES = 10


def _timed(function, repeat: int = 1) -> float:
    """The best of ``repeat`` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def _codebook(wave):
    from coding.models import Code, Codebook

    codebook, _ = Codebook.objects.get_or_create(wave=wave)
    if not codebook.codes.exists():
        Code.objects.bulk_create(
            Code(codebook=codebook, name=f"Code {i}", definition="Bench.", order=i)
            for i in range(CODES)
        )
    return codebook, list(codebook.codes.order_by("order"))


def _code_in_bulk(question, coder, response_ids, codes, seed: int) -> None:
    """One coding per answer by ``coder``, one or two codes each, in bulk."""
    from coding.models import Coding

    rng = random.Random(seed)
    made = Coding.objects.bulk_create(
        Coding(response_id=pk, question=question, coder=coder) for pk in response_ids
    )
    Coding.codes.through.objects.bulk_create(
        Coding.codes.through(coding_id=coding.pk, code_id=code.pk)
        for coding in made
        for code in rng.sample(codes, k=rng.randint(1, 2))
    )


def _staff(username: str):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user, _ = get_user_model().objects.get_or_create(
        username=username, defaults={"is_staff": True}
    )
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["coding", "survey"])
    )
    return get_user_model().objects.get(pk=user.pk)


def _analyze() -> None:
    """Statistics and visibility maps after bulk loading, as autovacuum keeps
    them in service (so counts can read the indexes alone)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def _page_times(client, urls: list[str]) -> list[float]:
    times = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return times


def run(report):
    """Build the data, time each measure, then remove the coding rows again, so
    later benchmarks on the same waves (the exports) measure what they did."""
    try:
        _run(report)
    finally:
        from coding.models import Codebook, Coding, Sample

        waves = ["bench-10k", "bench-100k"]
        Sample.objects.filter(question__wave__slug__in=waves).delete()
        Coding.objects.filter(question__wave__slug__in=waves).delete()
        Codebook.objects.filter(wave__slug__in=waves).delete()


def _run(report):
    """Build the data, then time each measure against its baseline."""
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from coding.agreed import agreed_codes, code_counts_by_sector
    from coding.answers import answers_of
    from coding.models import Sample
    from coding.themes import themes_suggest
    from coding.views.agreement import agreement_rows, sample_codings
    from staff.testing import sign_in_with_two_factor
    from survey.models import Question, Response

    report.heading("Coding free text")
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    wave = wave_with_responses("bench-10k", SMALL, seed=10)
    question = Question.objects.get(wave=wave, code="meaning_own_words")
    long_text = Question.objects.filter(wave=wave, type="long_text")
    answers = sum(answers_of(q).count() for q in long_text)
    report.figure("free-text answers in the 10,000-response wave", answers, "answers")
    codebook, codes = _codebook(wave)
    one, two = _staff("bench-coder-one"), _staff("bench-coder-two")
    ids = list(answers_of(question).values_list("pk", flat=True))
    if not one.codings.exists():
        # The first coder has coded half the question's answers already.
        _code_in_bulk(question, one, ids[: len(ids) // 2], codes, seed=1)
    _analyze()
    client = sign_in_with_two_factor(Client(), one)
    page = reverse("admin:coding_codebook_code", args=[codebook.pk])
    uncoded = ids[len(ids) // 2 :][:60]
    urls = [
        f"{page}?question={question.code}&uncoded=1&at={question.code}&response={pk}"
        for pk in uncoded
    ]
    _page_times(client, urls[:5])
    coding_times = _page_times(client, urls)
    detail_times = _page_times(
        client,
        [reverse("admin:survey_response_change", args=[pk]) for pk in uncoded],
    )
    report.compare(
        "coding page median",
        statistics.median(coding_times) * 1000,
        statistics.median(detail_times) * 1000,
        "ms",
        baseline_name="response detail page median",
    )
    report.compare(
        "coding page p95",
        _p95(coding_times) * 1000,
        _p95(detail_times) * 1000,
        "ms",
        baseline_name="response detail page p95",
        target="< 100 ms",
    )

    sample_ids = ids[:1000]
    sample = Sample.objects.filter(question=question, percent=100, seed=99).first()
    if sample is None:
        sample = Sample.objects.create(
            question=question, percent=100, seed=99, created_by=one
        )
        sample.coders.set([one, two])
        sample.responses.set(sample_ids)
        _code_in_bulk(question, two, sample_ids, codes, seed=2)
    agreement = reverse(
        "admin:coding_codebook_agreement", args=[codebook.pk, sample.pk]
    )
    client.get(agreement)
    page_seconds = _timed(lambda: client.get(agreement), repeat=3)
    maths = _timed(
        lambda: agreement_rows(codes, [one.pk, two.pk], sample_codings(sample)),
        repeat=3,
    )
    report.compare(
        "agreement page, 1,000-answer sample",
        page_seconds,
        maths,
        "s",
        baseline_name="loading codings and the maths alone",
        target="< 1 s",
    )

    texts = []
    for other in long_text:
        texts += list(answers_of(other).values_list("text", flat=True))
    texts = texts[:5000]
    themes = _timed(lambda: themes_suggest(texts, clusters=6))
    from sklearn.feature_extraction.text import TfidfVectorizer

    tfidf = _timed(
        lambda: TfidfVectorizer(stop_words="english", ngram_range=(1, 2)).fit_transform(
            texts
        )
    )
    report.compare(
        f"suggested themes, {len(texts):,} answers",
        themes,
        tfidf,
        "s",
        baseline_name="TF-IDF alone",
        target="< 10 s",
    )

    large = wave_with_responses("bench-100k", LARGE, seed=100)
    large_question = Question.objects.get(wave=large, code="meaning_own_words")
    _, large_codes = _codebook(large)
    if not large_question.codings.exists():
        large_ids = list(answers_of(large_question).values_list("pk", flat=True))
        _code_in_bulk(large_question, one, large_ids, large_codes, seed=3)
    _analyze()
    code = large_codes[0]
    counts = code_counts_by_sector(code)
    in_sql = _timed(lambda: code_counts_by_sector(code), repeat=3)

    def in_python():
        responses = Response.objects.submitted().filter(wave=large)
        agreed = agreed_codes(responses)
        sectors = dict(responses.values_list("pk", "sector"))
        tally: dict[str, int] = {}
        for pk, applied in agreed.items():
            if code.pk in applied:
                tally[sectors[pk]] = tally.get(sectors[pk], 0) + 1
        return tally

    assert in_python() == counts
    report.compare(
        "code counts by sector, 100,000 responses",
        in_sql,
        _timed(in_python),
        "s",
        baseline_name="agreed coding in Python, then counted",
        target="< 1 s",
    )
    report.figure("respondents with the code", sum(counts.values()), "respondents")
