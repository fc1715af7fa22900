"""The answers to code: which, in what order, with filters and progress.

An answer is a submitted response's non-blank answer to a long-text question.
Answers run question by question (questionnaire order), then by response.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.db.models.fields.json import KT

from coding.models import Coding
from survey.models import Question, Response, Wave


@dataclass(frozen=True)
class AnswerFilter:
    """The coding page's filters, read from its query string."""

    question: str = ""
    uncoded: bool = False
    code: int | None = None
    sector: str = ""
    search: str = ""
    sample: int | None = None

    @classmethod
    def from_query(cls, query) -> "AnswerFilter":
        """The filters in a request's GET (anything malformed is ignored)."""

        def number(name):
            value = query.get(name, "")
            return int(value) if value.isdigit() else None

        return cls(
            question=query.get("question", "")[:40],
            uncoded=query.get("uncoded") == "1",
            code=number("code"),
            sector=query.get("sector", "")[:40],
            search=query.get("q", "").strip()[:200],
            sample=number("sample"),
        )

    def as_query(self) -> dict[str, str]:
        """The filters as query-string values (blank ones left out)."""
        values = {
            "question": self.question,
            "uncoded": "1" if self.uncoded else "",
            "code": str(self.code or ""),
            "sector": self.sector,
            "q": self.search,
            "sample": str(self.sample or ""),
        }
        return {key: value for key, value in values.items() if value}


def codable_questions(wave: Wave) -> list[Question]:
    """The wave's long-text questions, in questionnaire order."""
    return list(
        Question.objects.filter(wave=wave, type=Question.Type.LONG_TEXT).order_by(
            "section__order", "order", "id"
        )
    )


NO_FILTER = AnswerFilter()


def answers_of(
    question: Question, coder=None, filters: AnswerFilter = NO_FILTER
) -> QuerySet:
    """The responses answering ``question`` that pass ``filters``, in order."""
    queryset = (
        Response.objects.submitted()
        .filter(wave_id=question.wave_id)
        .annotate(text=KT(f"answers__{question.code}"))
        .filter(text__gt="")
    )
    mine = Coding.objects.filter(
        response=OuterRef("pk"), question=question, coder=coder
    )
    if filters.uncoded:
        queryset = queryset.filter(~Exists(mine))
    if filters.code is not None:
        queryset = queryset.filter(Exists(mine.filter(codes=filters.code)))
    if filters.sector:
        queryset = queryset.filter(sector=filters.sector)
    if filters.search:
        queryset = queryset.filter(text__icontains=filters.search)
    if filters.sample is not None:
        # A sample is of one question: other questions have none of its answers.
        queryset = queryset.filter(
            coding_samples=filters.sample, coding_samples__question=question
        )
    return queryset.order_by("pk")


def questions_in_scope(
    questions: list[Question], filters: AnswerFilter
) -> list[Question]:
    """The one question filtered on, or every codable question."""
    if filters.question:
        return [q for q in questions if q.code == filters.question]
    return questions


def answer_first(questions, coder, filters) -> tuple[Question, int] | None:
    """The first answer that passes the filters."""
    for question in questions:
        pk = answers_of(question, coder, filters).values_list("pk", flat=True).first()
        if pk is not None:
            return question, pk
    return None


def answer_neighbour(
    questions, coder, filters, question: Question, pk: int, forward: bool
) -> tuple[Question, int] | None:
    """The next (or previous) answer after ``question``'s answer in ``pk``."""
    index = questions.index(question) if question in questions else 0
    order = questions[index + 1 :] if forward else reversed(questions[:index])
    answers = answers_of(question, coder, filters).values_list("pk", flat=True)
    found = (
        answers.filter(pk__gt=pk).first()
        if forward
        else answers.filter(pk__lt=pk).order_by("-pk").first()
    )
    if found is not None:
        return question, found
    for other in order:
        answers = answers_of(other, coder, filters).values_list("pk", flat=True)
        found = answers.first() if forward else answers.order_by("-pk").first()
        if found is not None:
            return other, found
    return None


def answer_totals(wave: Wave, questions: list[Question]) -> dict[str, int]:
    """Answers per question (``n<question pk>``), cached while no response changes.

    Counting reads every response's answers (about 0.5 s at 10,000), so the
    totals are cached under the wave's number of submitted responses and its
    newest one: a submission or a withdrawal changes the key, and submitted
    answers are never edited.
    """
    stamp = (
        Response.objects.submitted()
        .filter(wave=wave)
        .aggregate(n=Count("pk"), last=Max("pk"))
    )
    codes = ",".join(f"{q.pk}" for q in questions)
    key = f"coding:totals:{wave.pk}:{stamp['n']}:{stamp['last']}:{codes}"
    totals = cache.get(key)
    if totals is None:
        texts = {f"t{q.pk}": KT(f"answers__{q.code}") for q in questions}
        totals = (
            Response.objects.submitted()
            .filter(wave=wave)
            .annotate(**texts)
            .aggregate(
                **{
                    f"n{q.pk}": Count("pk", filter=Q(**{f"t{q.pk}__gt": ""}))
                    for q in questions
                }
            )
        )
        cache.set(key, totals, TOTALS_SECONDS)
    return totals


TOTALS_SECONDS = 24 * 60 * 60


def progress(wave: Wave, questions: list[Question], coder) -> list[dict]:
    """Coded (by ``coder``) and total answers, per question."""
    if not questions:
        return []
    totals = answer_totals(wave, questions)
    # Only submitted responses are ever coded, and a withdrawn one is deleted
    # with its codings, so no join to the responses is needed.
    coded = dict(
        Coding.objects.filter(question__in=questions, coder=coder)
        .values_list("question_id")
        .annotate(n=Count("id"))
    )
    return [
        {"question": q, "coded": coded.get(q.pk, 0), "total": totals[f"n{q.pk}"]}
        for q in questions
    ]
