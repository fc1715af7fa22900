"""What a case study cites: its sources, in order, and the figures it states."""

import re

from django.db import models
from django.db.models import Q

# A number as the figures check reads one: a run of digits ("42%" is 42,
# "2018-19" is 2018 and 19, "1,200" is 1 and 200).
NUMBER = re.compile(r"[0-9]+")


class CaseStudySource(models.Model):
    """A source a case study cites, in the order the page lists them."""

    case_study = models.ForeignKey(
        "casestudies.CaseStudy", on_delete=models.CASCADE, related_name="citations"
    )
    source = models.ForeignKey(
        "sources.Source", on_delete=models.PROTECT, related_name="case_study_citations"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "source"
        constraints = [
            models.UniqueConstraint(
                fields=["case_study", "source"], name="casestudysource_unique"
            ),
        ]

    def __str__(self):
        return str(self.source)


class Figure(models.Model):
    """A number a case study states, with the source and place it comes from."""

    case_study = models.ForeignKey(
        "casestudies.CaseStudy", on_delete=models.CASCADE, related_name="figures"
    )
    text = models.CharField(
        max_length=200,
        help_text="The number as the case study writes it: 42%, 2016, 72, "
        "October 2020.",
    )
    source = models.ForeignKey(
        "sources.Source", on_delete=models.PROTECT, related_name="figures"
    )
    location = models.CharField(
        "where in the source",
        max_length=200,
        help_text="A section or page, like \u201cSouth Wales case study\u201d.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="figure_has_text"),
        ]

    def __str__(self):
        return self.text

    def numbers(self) -> set[str]:
        """The runs of digits in the figure, as the traceability test reads them."""
        return set(NUMBER.findall(self.text))
