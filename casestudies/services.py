"""Writes with rules for case studies: a draft started from a survey example.

Called with plain values, so this app never imports the survey.
"""

from casestudies.models import CaseStudy
from vocabulary.choices import Borough, Evidence, Principle, R, Sector


def case_study_of_response(response_id: int) -> CaseStudy | None:
    """The case study already started from a survey response, if any."""
    return CaseStudy.objects.filter(source_response_id=response_id).first()


def case_study_draft_from_example(
    *,
    response_id: int,
    reference: str,
    answers: dict,
    organisation: str,
    sector: str,
    boroughs: list[str],
) -> CaseStudy:
    """A draft case study from a respondent's example, linked back to the response.

    Contact details are not copied: a published case study shows its contact,
    and the respondent agreed to be contacted, not to be named.
    """
    description = _text(answers.get("example_description"))
    difference = _text(answers.get("example_difference"))
    evidence_answer = _text(answers.get("example_evidence"))
    evidence = (
        evidence_answer
        if evidence_answer in Evidence.values
        else Evidence.PRACTITIONER_REPORTED
    )
    summary = description.split("\n\n")[0][:600] or "Summary to be written."
    return CaseStudy.objects.create(
        title=f"Example from survey response {reference}"[:200],
        slug=f"survey-{reference.lower()}",
        summary=summary,
        body=description or "To be written with the respondent.",
        outcomes=difference,
        organisations=[organisation] if organisation else [],
        sectors=[sector] if sector in Sector.values else [],
        # Where the example happens (version 2 asks), else where the respondent works.
        places=[
            b
            for b in (_list(answers.get("example_where")) or boroughs)
            if b in Borough.values and b != Borough.OUTSIDE_LONDON
        ],
        rs=[r for r in _list(answers.get("example_rs")) if r in R.values],
        principles=[
            p for p in _list(answers.get("example_principles")) if p in Principle.values
        ],
        evidence=evidence,
        evidence_note=(
            "From the survey answer on evidence: "
            f"{evidence_answer or 'not answered'}. Check with the respondent "
            "before publishing."
        ),
        source_response_id=response_id,
        status=CaseStudy.Status.DRAFT,
    )


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _list(value) -> list:
    if isinstance(value, list):
        return value
    return [value] if isinstance(value, str) else []
