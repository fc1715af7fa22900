"""Writes with rules for case studies: a draft started from a practitioner's example.

Called with plain values: the caller maps its own data (a form's answers, say)
to these keyword arguments, so this app knows nothing of where they came from.
"""

from casestudies.models import CaseStudy
from vocabulary.choices import Borough, Evidence, Principle, R, Sector


def case_study_draft_from_example(
    *,
    title: str,
    slug: str,
    description: str,
    outcomes: str,
    evidence_answer: str,
    organisation: str,
    sector: str,
    places: list[str],
    rs: list[str],
    principles: list[str],
) -> CaseStudy:
    """A draft case study from an example; values outside the vocabulary are dropped.

    No contact details are taken: a published case study shows its contact,
    and the person who gave the example agreed to be contacted, not to be named.
    """
    evidence = (
        evidence_answer
        if evidence_answer in Evidence.values
        else Evidence.PRACTITIONER_REPORTED
    )
    summary = description.split("\n\n")[0][:600] or "Summary to be written."
    return CaseStudy.objects.create(
        title=title[:200],
        slug=_slug_free(slug),
        summary=summary,
        body=description or "To be written with the practitioner.",
        outcomes=outcomes,
        organisations=[organisation] if organisation else [],
        sectors=[sector] if sector in Sector.values else [],
        places=[
            p for p in places if p in Borough.values and p != Borough.OUTSIDE_LONDON
        ],
        rs=[r for r in rs if r in R.values],
        principles=[p for p in principles if p in Principle.values],
        evidence=evidence,
        evidence_note=(
            "From the answer on evidence: "
            f"{evidence_answer or 'not answered'}. Check with the practitioner "
            "before publishing."
        ),
        status=CaseStudy.Status.DRAFT,
    )


def _slug_free(slug: str) -> str:
    """``slug``, or ``slug-2``, ``slug-3``... if a case study already holds it."""
    taken = set(
        CaseStudy.objects.filter(slug__startswith=slug).values_list("slug", flat=True)
    )
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate
