"""How many submitted responses gave each answer: counts kept as responses change.

The analysts' dashboard and every findings release count a wave's answers.
Counting them from the answer documents means reading every response's JSON,
which at 100,000 responses takes over a second (docs/performance.md). So
PostgreSQL keeps the counts in ``survey_answercount`` itself: triggers on
``survey_response`` (migration 0015, decision 0017) add a submitted response's
answers when it is submitted and take them away when it is deleted, changed
or moved back, in the same transaction as the write. Every way of writing a
response is covered that way (the survey, the admin, retention, bulk loads,
test factories), and nothing in Python has to remember to.

The counts are data cached with a clear key (wave, sector, question, answer);
``AnswerCount.objects.wave_rebuild`` counts a wave again from its responses,
for when its questions change after answers were submitted.
"""

from django.db import connection, models
from django.db.models import Sum

from survey.models.waves import Wave

# The row that counts a wave's submitted responses in a sector: no question.
RESPONDENTS = ""
# The answers counted: those with options. Free text never is.
COUNTED_TYPES = ("single", "multiple", "agreement", "yes_no", "borough")


class AnswerCountQuerySet(models.QuerySet):
    def counts(self, wave: Wave | None) -> dict[tuple[str, str, str], int]:
        """(sector, question code, answer) -> submitted responses giving it,
        for one wave or (``None``) all; ``(sector, "", "")`` counts the
        respondents of the sector."""
        rows = self if wave is None else self.filter(wave=wave)
        rows = (
            rows.order_by()
            .values_list("sector", "question_code", "answer")
            .annotate(n=Sum("respondents"))
        )
        return {(sector, code, answer): n for sector, code, answer, n in rows if n}

    def wave_rebuild(self, wave: Wave) -> None:
        """Count a wave's submitted responses again, in one grouped statement,
        with the rule the triggers use (``survey_answers_counted``)."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT survey_answer_count_rebuild(%s)", [wave.pk])


class AnswerCount(models.Model):
    """Submitted responses of a wave and sector that gave one answer.

    Written only by PostgreSQL (see the module's docstring); read with
    ``AnswerCount.objects.counts(wave)``.
    """

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="+")
    sector = models.CharField(max_length=40, blank=True)
    question_code = models.CharField(max_length=40, blank=True)
    answer = models.TextField(blank=True)
    respondents = models.IntegerField(default=0)

    objects = AnswerCountQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "sector", "question_code", "answer"],
                name="survey_answercount_unique",
            )
        ]

    def __str__(self):
        return f"{self.question_code}={self.answer}: {self.respondents}"
