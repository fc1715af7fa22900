"""The case study an analyst started from a response's example.

The link sits here, on the survey's side: the survey knows the case-study
library, the library never knows the survey (docs/decisions/0006).
"""

from django.db import models

from survey.models.responses import Response


class ExampleCaseStudy(models.Model):
    """One response's example, turned into one draft case study.

    One per response, and one response per case study: the database refuses a
    second, so a double submit cannot start two drafts. Deleting either side
    deletes the link and leaves the other alone.
    """

    response = models.OneToOneField(
        Response, on_delete=models.CASCADE, related_name="example_case_study"
    )
    case_study = models.OneToOneField(
        "casestudies.CaseStudy", on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "case study from an example"
        verbose_name_plural = "case studies from examples"

    def __str__(self):
        return f"{self.case_study} (from {self.response})"

    @classmethod
    def case_study_of(cls, response: Response):
        """The case study already started from ``response``, or None."""
        link = cls.objects.filter(response=response).select_related("case_study")
        return link[0].case_study if link else None


def example_fields(
    response: Response, *, answers: dict | None = None, organisation: str
) -> dict:
    """A response's example as the case-study library's plain keyword arguments.

    The survey's answer keys are known here and nowhere else. The example is
    placed where the respondent works (no version asks where it happens: with an
    organisation, a place can identify a small service). The organisation is
    passed in: the one given with the contact details; so may the answers (a
    masked copy), else the response's own.
    """
    answers = (response.answers if answers is None else answers) or {}
    return {
        "title": f"Example from survey response {response.reference}",
        "slug": f"survey-{response.reference.lower()}",
        "description": _text(answers.get("example_description")),
        "outcomes": _text(answers.get("example_difference")),
        "evidence_answer": _text(answers.get("example_evidence")),
        "organisation": organisation,
        "sector": response.sector,
        "places": list(response.boroughs),
        "rs": _list(answers.get("example_rs")),
        "principles": _list(answers.get("example_principles")),
    }


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _list(value) -> list[str]:
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return [value] if isinstance(value, str) else []
