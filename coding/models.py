"""Codebooks and their codes, each coder's coding of an answer, redactions,
double-coding samples and settled disagreements.

An answer is one submitted response's answer to one long-text question; the
answer itself stays in the survey, untouched: everything here points at it.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from survey.models import Question, Response, Wave


class Colour(models.TextChoices):
    """Code colours; always shown beside the code's number and name."""

    BLUE = "blue", "Blue"
    GREEN = "green", "Green"
    ORANGE = "orange", "Orange"
    PURPLE = "purple", "Purple"
    PINK = "pink", "Pink"
    TURQUOISE = "turquoise", "Turquoise"
    BROWN = "brown", "Brown"
    GREY = "grey", "Grey"


class Codebook(models.Model):
    """The codes of one wave; copied from an earlier wave so waves compare."""

    wave = models.OneToOneField(Wave, on_delete=models.PROTECT, related_name="codebook")
    is_demo = models.BooleanField(
        default=False, help_text="Demo codes for the demo wave, labelled as demo."
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-wave__opens_at"]
        permissions = [
            ("code_answers", "Can code free-text answers"),
            ("assign_double_coding", "Can assign a double-coding sample"),
            ("settle_coding", "Can settle a disagreement between coders"),
        ]

    def __str__(self):
        label = f"Codebook for {self.wave}"
        return f"{label} (demo)" if self.is_demo else label


class Code(models.Model):
    """One code: what it means, when to use it and when not to."""

    codebook = models.ForeignKey(
        Codebook, on_delete=models.CASCADE, related_name="codes"
    )
    name = models.CharField(max_length=100)
    definition = models.TextField()
    use_when = models.TextField(blank=True, help_text="An example that fits.")
    dont_use_when = models.TextField(
        blank=True, help_text="An example that looks close but does not fit."
    )
    # One level deep: a parent never has a parent itself. PostgreSQL refuses
    # anything deeper (the trigger in migration 0001).
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    colour = models.CharField(max_length=20, choices=Colour.choices, default="blue")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["codebook", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["codebook", "name"], name="coding_code_name_unique"
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("id")), name="coding_code_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.name


class CodingQuerySet(models.QuerySet):
    """Queries over codings."""

    def by(self, user):
        """One coder's codings."""
        return self.filter(coder=user)


class Coding(models.Model):
    """One coder's codes and note for one answer; ``version`` catches stale forms."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="codings"
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="codings"
    )
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="codings"
    )
    codes = models.ManyToManyField(Code, blank=True, related_name="codings")
    note = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CodingQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "coder"],
                name="coding_coding_one_per_coder",
            )
        ]
        indexes = [
            models.Index(fields=["question", "coder"], name="coding_coding_q_coder")
        ]

    def __str__(self):
        return f"{self.response} {self.question.code} by {self.coder}"


class Redaction(models.Model):
    """A passage of an answer masked in every export and case-study draft.

    The stored answer is unchanged; ``start`` and ``end`` are offsets in it.
    """

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="redactions"
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="redactions"
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    passage = models.TextField()
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    flagged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["response", "question", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="coding_redaction_not_empty"
            ),
            models.UniqueConstraint(
                fields=["response", "question", "start", "end"],
                name="coding_redaction_unique",
            ),
        ]

    def __str__(self):
        return f"Redaction in {self.response} {self.question.code}"


class Sample(models.Model):
    """Answers to one question assigned for blind double coding."""

    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="coding_samples"
    )
    percent = models.PositiveSmallIntegerField()
    seed = models.PositiveIntegerField()
    coders = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")
    responses = models.ManyToManyField(Response, related_name="coding_samples")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__gte=1, percent__lte=100),
                name="coding_sample_percent_range",
            )
        ]

    def __str__(self):
        return f"{self.percent}% of {self.question.code} (sample {self.pk})"


class Settlement(models.Model):
    """The codes coders agreed on after a disagreement: the agreed coding."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="settlements"
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="settlements"
    )
    codes = models.ManyToManyField(Code, blank=True, related_name="settlements")
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    settled_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="coding_settlement_unique"
            )
        ]

    def __str__(self):
        return f"Settled {self.response} {self.question.code}"
