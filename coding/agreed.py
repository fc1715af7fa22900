"""The agreed coding of each answer, and counts of it by sector.

An answer's agreed codes are those of its settlement when there is one;
otherwise the codes every coder of the answer applied (for a single coder,
that coder's codes). An unsettled disagreement therefore counts only what all
coders agree on.
"""

from django.db.models import Count, Exists, OuterRef, QuerySet

from coding.models import Code, Coding, Settlement
from survey.models import Response


def agreed_codes(responses: QuerySet | list[int]) -> dict[int, set[int]]:
    """{response pk: ids of its agreed codes, over all its answers}, for a
    queryset of responses or a list of their pks."""
    through = Coding.codes.through
    applied: dict[tuple[int, int], dict[int, set[int]]] = {}
    for response_id, question_id, coder_id in Coding.objects.filter(
        response__in=responses
    ).values_list("response_id", "question_id", "coder_id"):
        applied.setdefault((response_id, question_id), {})[coder_id] = set()
    for response_id, question_id, coder_id, code_id in through.objects.filter(
        coding__response__in=responses
    ).values_list(
        "coding__response_id", "coding__question_id", "coding__coder_id", "code_id"
    ):
        applied[response_id, question_id][coder_id].add(code_id)
    settled: dict[tuple[int, int], set[int]] = {}
    for response_id, question_id in Settlement.objects.filter(
        response__in=responses
    ).values_list("response_id", "question_id"):
        settled[response_id, question_id] = set()
    for response_id, question_id, code_id in Settlement.codes.through.objects.filter(
        settlement__response__in=responses
    ).values_list("settlement__response_id", "settlement__question_id", "code_id"):
        settled[response_id, question_id].add(code_id)
    agreed: dict[int, set[int]] = {}
    for (response_id, question_id), by_coder in applied.items():
        codes = settled.get((response_id, question_id))
        if codes is None:
            codes = set.intersection(*by_coder.values())
        agreed.setdefault(response_id, set()).update(codes)
    for (response_id, _), codes in settled.items():
        agreed.setdefault(response_id, set()).update(codes)
    return agreed


def responses_with_code(code: Code) -> QuerySet:
    """Submitted responses whose agreed coding holds ``code`` or one of its children."""
    ids = [code.pk, *code.children.values_list("pk", flat=True)]
    same_answer = {"response": OuterRef("response"), "question": OuterRef("question")}
    unsettled = (
        Coding.objects.filter(codes__in=ids)
        .filter(~Exists(Settlement.objects.filter(**same_answer)))
        # No coder of the same answer left every one of these codes out.
        .filter(
            ~Exists(
                Coding.objects.filter(**same_answer).exclude(
                    pk__in=Coding.objects.filter(codes__in=ids).values("pk")
                )
            )
        )
        .values("response_id")
    )
    settled = Settlement.objects.filter(codes__in=ids).values("response_id")
    return Response.objects.submitted().filter(pk__in=unsettled.union(settled))


def code_counts_by_sector(code: Code) -> dict[str, int]:
    """How many respondents' agreed coding holds ``code``, by their sector."""
    return dict(
        responses_with_code(code)
        .order_by()
        .values_list("sector")
        .annotate(n=Count("pk"))
    )
