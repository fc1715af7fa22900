"""The analyst dashboard: its figures (ResponseQuerySet methods) laid out as charts."""

from findings.diverging import diverging_chart
from staff import charts
from survey.models import (
    AGREEMENT_OPTIONS,
    DONT_KNOW,
    NOT_APPLICABLE,
    NOT_APPLICABLE_OPTION,
    RESPONDENTS,
    AnswerCount,
    Question,
    Response,
    Wave,
)
from vocabulary.choices import (
    LOCAL_AUTHORITY_AREAS,
    Borough,
    Principle,
    R,
    Sector,
)

# Version 2's items add "Not applicable to my role", in its own column.
AGREEMENT_CODES = [o["code"] for o in [*AGREEMENT_OPTIONS, NOT_APPLICABLE_OPTION]]
AGREEMENT_LABELS = [o["label"] for o in [*AGREEMENT_OPTIONS, NOT_APPLICABLE_OPTION]]
AGREE = {"agree", "strongly_agree"}
# "Don't know" and "Not applicable" are shown, but left out of the share who
# agree (and of its base).
NOT_COUNTED = {DONT_KNOW, NOT_APPLICABLE}
SECTOR_LABELS = dict(Sector.choices) | {"other": "Other"}


def _share_agreeing(counts: dict[str, int]) -> tuple[int, int]:
    answered = sum(n for code, n in counts.items() if code not in NOT_COUNTED)
    agreeing = sum(n for code, n in counts.items() if code in AGREE)
    return agreeing, answered


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def agreement_questions_for(wave: Wave | None) -> list[Question]:
    """The agreement-scale questions of one wave, or one per code across all.

    Across all waves a code is one question (codes are stable), so it is
    counted once over every wave's answers: the newest wave's wording and
    order first, then codes only older waves asked, in their order.
    """
    questions = Question.objects.filter(type=Question.Type.AGREEMENT)
    if wave is not None:
        return list(
            questions.filter(wave=wave)
            .select_related("section")
            .order_by("section__order", "order", "id")
        )
    newest_first = questions.select_related("section").order_by(
        "-wave__opens_at", "-wave_id", "section__order", "order", "id"
    )
    by_code: dict[str, Question] = {}
    for question in newest_first:
        by_code.setdefault(question.code, question)
    return list(by_code.values())


def submitted_figures(wave: Wave | None, codes: list[str]) -> tuple[dict, dict, dict]:
    """Answer counts by question, sectors and boroughs of submitted responses.

    Read from the counts PostgreSQL keeps as responses are written
    (``survey.AnswerCount``, as the findings' tally reads them): one query,
    its rows as many as the answers given, whatever the number of responses.
    """
    wanted = {*codes, "example_rs"}
    counts: dict[str, dict[str, int]] = {code: {} for code in wanted}
    sectors: dict[str, int] = {}
    boroughs: dict[str, int] = {}
    for (sector, code, answer), number in AnswerCount.objects.counts(wave).items():
        if code == RESPONDENTS:
            sectors[sector] = sectors.get(sector, 0) + number
        elif code == "boroughs" and answer in Borough.values:
            boroughs[answer] = boroughs.get(answer, 0) + number
        elif code in wanted:
            counts[code][answer] = counts[code].get(answer, 0) + number
    return counts, sectors, boroughs


def agreement_chart(rows: list[dict]):
    """The diverging chart the public findings draw (findings.diverging), of
    each question's answers as percentages of those who answered it."""
    drawn = []
    for row in rows:
        total = row["total"]
        values = [100 * n / total if total else 0.0 for n in row["counts"]]
        texts = [
            f"{n:,} ({value:.0f}%)"
            for n, value in zip(row["counts"], values, strict=True)
        ]
        drawn.append(
            (
                f"{row['question'].text} [{row['question'].code}]",
                f"{total:,} answered",
                values,
                texts,
            )
        )
    return diverging_chart([("Agreement-scale questions", drawn)], AGREEMENT_LABELS)


def dashboard_for(wave_slug: str) -> dict:
    """Everything the dashboard template shows, for one wave or for all."""
    waves = list(Wave.objects.order_by("-opens_at"))
    wave = next((w for w in waves if w.slug == wave_slug), None)
    agreement_questions = agreement_questions_for(wave)
    codes = [q.code for q in agreement_questions]
    counts, sectors, boroughs = submitted_figures(wave, codes)
    responses = (
        Response.objects.all() if wave is None else Response.objects.for_wave(wave)
    )

    days = responses.started_and_submitted_per_day()
    started = sum(s for _, s, _ in days)
    submitted = sum(s for _, _, s in days)

    sector_rows = sorted(
        (
            (SECTOR_LABELS.get(code, code or "Not answered"), n)
            for code, n in sectors.items()
        ),
        key=lambda row: (-row[1], row[0]),
    )
    borough_labels = dict(Borough.choices)
    borough_rows = [
        (borough_labels[code], boroughs.get(code, 0))
        for code in [*LOCAL_AUTHORITY_AREAS, Borough.PAN_LONDON, Borough.OUTSIDE_LONDON]
    ]

    agreement_rows = []
    for question in agreement_questions:
        question_counts = counts.get(question.code, {})
        values = [question_counts.get(code, 0) for code in AGREEMENT_CODES]
        agreeing, answered = _share_agreeing(question_counts)
        agreement_rows.append(
            {
                "question": question,
                "counts": values,
                "total": sum(values),
                "agree_percent": _percent(agreeing, answered),
            }
        )

    examples = counts.get("example_rs", {})
    glance_rs = []
    for r in R:
        merged: dict[str, int] = {}
        for question in agreement_questions:
            if question.code.startswith(f"r_{r.value}_"):
                for code, n in counts.get(question.code, {}).items():
                    merged[code] = merged.get(code, 0) + n
        agreeing, answered = _share_agreeing(merged)
        glance_rs.append(
            {
                "label": r.label,
                "percent": _percent(agreeing, answered),
                "answered": answered,
                "examples": examples.get(r.value, 0),
            }
        )
    glance_principles = []
    for principle in Principle:
        agreeing, answered = _share_agreeing(
            counts.get(f"principle_{principle.value}", {})
        )
        glance_principles.append(
            {
                "label": principle.label,
                "percent": _percent(agreeing, answered),
                "answered": answered,
            }
        )

    return {
        "waves": waves,
        "wave": wave,
        "started": started,
        "submitted": submitted,
        "completion_percent": _percent(submitted, started),
        "days": days,
        "days_chart": charts.column_chart(days),
        "status_chart": charts.bar_chart(
            [
                ("Started (drafts and submitted)", started, f"{started:,}"),
                ("Submitted", submitted, f"{submitted:,}"),
            ]
        ),
        "sector_rows": sector_rows,
        "sector_chart": charts.bar_chart(
            [(label, n, f"{n:,}") for label, n in sector_rows]
        ),
        "borough_rows": borough_rows,
        "borough_map": charts.tile_map(boroughs),
        "agreement_labels": AGREEMENT_LABELS,
        "agreement_rows": agreement_rows,
        "agreement_chart": {"chart": agreement_chart(agreement_rows)},
        "glance_rs": glance_rs,
        "rs_chart": charts.bar_chart(
            [
                (row["label"], row["percent"], f"{row['percent']:.0f}%")
                for row in glance_rs
            ],
            maximum=100,
        ),
        "glance_principles": glance_principles,
        "principles_chart": charts.bar_chart(
            [
                (row["label"], row["percent"], f"{row['percent']:.0f}%")
                for row in glance_principles
            ],
            maximum=100,
        ),
    }
