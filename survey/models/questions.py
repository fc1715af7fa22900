"""The questions of a wave: types, options, labels and how answers read as text."""

from django.db import models

from survey.models.waves import Section, Wave
from vocabulary.choices import Borough

# Answer codes the questionnaire does not list, supplied for every wave.
OTHER = "other"
PREFER_NOT_TO_SAY = "prefer_not_to_say"
DONT_KNOW = "dont_know"
AGREEMENT_OPTIONS = [
    {"code": "strongly_disagree", "label": "Strongly disagree"},
    {"code": "disagree", "label": "Disagree"},
    {"code": "neither", "label": "Neither agree nor disagree"},
    {"code": "agree", "label": "Agree"},
    {"code": "strongly_agree", "label": "Strongly agree"},
    {"code": DONT_KNOW, "label": "Don't know"},
]
# Offered on an agreement item when its file says so; counted apart from
# "Don't know" and from the scale.
NOT_APPLICABLE = "not_applicable"
NOT_APPLICABLE_OPTION = {"code": NOT_APPLICABLE, "label": "Not applicable to my role"}
YES_NO_OPTIONS = [
    {"code": "yes", "label": "Yes"},
    {"code": "no", "label": "No"},
    {"code": DONT_KNOW, "label": "Don't know"},
]
CONSENT_OPTIONS = [{"code": "yes", "label": "Yes, I agree"}]


class Question(models.Model):
    """One question; its code means the same question in every wave."""

    class Type(models.TextChoices):
        CONSENT = "consent", "Consent"
        SINGLE = "single", "Single choice"
        MULTIPLE = "multiple", "Multiple choice"
        AGREEMENT = "agreement", "Agreement scale"
        YES_NO = "yes_no", "Yes or no"
        SHORT_TEXT = "short_text", "Short text"
        LONG_TEXT = "long_text", "Long text"
        BOROUGH = "borough", "London borough"
        NUMBER = "number", "Number"

    # The wave is repeated from the section so the database can hold codes
    # unique per wave.
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="questions"
    )
    code = models.SlugField(
        max_length=40, help_text="Stable: the same code means the same question."
    )
    type = models.CharField(max_length=20, choices=Type.choices)
    text = models.TextField()
    why = models.TextField(help_text="Why this question is asked.")
    hint = models.TextField(blank=True)
    required = models.BooleanField(default=False)
    options = models.JSONField(
        default=list,
        blank=True,
        help_text='A list of {"code": ..., "label": ...} for choice questions.',
    )
    prefer_not_to_say = models.BooleanField(default=False)
    other_text = models.BooleanField(
        default=False, help_text='Adds an "Other" option with a text box.'
    )
    max_length = models.PositiveIntegerField(null=True, blank=True)
    multiple = models.BooleanField(
        default=False, help_text="Borough questions: allow several answers."
    )
    show_if = models.JSONField(
        default=dict,
        blank=True,
        help_text='Routing, e.g. {"question": "sector", "in": ["nhs"]}.',
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "code"], name="survey_question_code_unique_per_wave"
            )
        ]
        ordering = ["section__order", "order", "id"]

    def __str__(self):
        return f"{self.code}: {self.text[:60]}"

    def options_with_labels(self) -> list[dict[str, str]]:
        """Every answer code this question accepts, with its label, in order."""
        if self.type == self.Type.CONSENT:
            options = list(CONSENT_OPTIONS)
        elif self.type == self.Type.AGREEMENT:
            # The scale is fixed; a file may add only "Not applicable".
            extra = [o for o in self.options or [] if o.get("code") == NOT_APPLICABLE]
            options = [*AGREEMENT_OPTIONS, *extra[:1]]
        elif self.type == self.Type.YES_NO:
            options = list(YES_NO_OPTIONS)
        elif self.type == self.Type.BOROUGH:
            options = [{"code": c, "label": str(lb)} for c, lb in Borough.choices]
        elif self.type in (self.Type.SINGLE, self.Type.MULTIPLE):
            options = [
                {"code": str(o["code"]), "label": str(o["label"])}
                for o in self.options or []
            ]
            if self.other_text:
                options.append({"code": OTHER, "label": "Other"})
        else:
            return []
        if self.prefer_not_to_say:
            options.append({"code": PREFER_NOT_TO_SAY, "label": "Prefer not to say"})
        return options

    def label_for(self, code: str) -> str:
        """The label of one answer code (the code itself if unknown)."""
        for option in self.options_with_labels():
            if option["code"] == code:
                return option["label"]
        return code

    @property
    def other_key(self) -> str:
        """Where the free text of an "Other" answer is stored."""
        return f"{self.code}_{OTHER}"

    @property
    def is_multi_valued(self) -> bool:
        """True when the answer is a list of codes."""
        return self.type == self.Type.MULTIPLE or (
            self.type == self.Type.BOROUGH and self.multiple
        )

    def answer_text(self, answers: dict) -> list[str]:
        """This question's answer as lines of text, empty if unanswered.

        Labels for choices, the words for free text and numbers; a chosen
        "Other" reads "Other: " and its text. The one way an answer is shown:
        check answers, the page refused after the close, and the admin.
        """
        value = answers.get(self.code)
        other = answers.get(self.other_key)
        if value in (None, "", []):
            return []
        if self.type in FREE_TEXT_TYPES or self.type == self.Type.NUMBER:
            return [str(value)]
        codes = (
            [str(code) for code in value] if isinstance(value, list) else [str(value)]
        )
        lines = [
            f"Other: {other}" if code == OTHER and other else self.label_for(code)
            for code in codes
        ]
        if other and OTHER not in codes:
            lines.append(f"Other: {other}")
        return lines


# The free-text question types; their answers are words, not codes.
FREE_TEXT_TYPES = (Question.Type.SHORT_TEXT, Question.Type.LONG_TEXT)


def free_text_keys_of(questions) -> set[str]:
    """The free-text answer keys among ``questions``: text answers, "Other" boxes."""
    keys: set[str] = set()
    for question in questions:
        if question.type in FREE_TEXT_TYPES:
            keys.add(question.code)
        if question.other_text:
            keys.add(question.other_key)
    return keys


def free_text_keys(wave_id: int | None) -> set[str]:
    """The free-text answer keys of one wave's questions."""
    if wave_id is None:
        return set()
    return free_text_keys_of(
        Question.objects.filter(wave_id=wave_id).only("code", "type", "other_text")
    )
