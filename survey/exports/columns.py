"""Export columns: one per question code (or per option), and the data dictionary.

Layout (see docs/admin.md):
- ``reference``, ``wave``, ``submitted_at``, ``started_at`` (ISO 8601 in London
  time, with the offset), ``case_study_contact`` (1 if contact details are held),
  ``collector`` and ``collector_code`` (the link it came through, or "direct");
- one column per question code, holding the answer's label (not its code);
- a multiple-choice question (and the multi-select borough question) becomes
  one column per option, ``<code>__<option>``, holding 1 or 0, and blank when
  the question was not answered; "Other" free text goes in ``<code>_other``.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet

from survey.exports.cells import cell_from_text
from survey.exports.extensions import extension_columns
from survey.models import FREE_TEXT_TYPES, Question, Wave
from vocabulary.time import LONDON

META_COLUMNS = ["reference", "wave", "submitted_at", "started_at"]
CONTACT_COLUMN = "case_study_contact"
COLLECTOR_COLUMNS = ["collector", "collector_code"]
# The collector column of a response that came through no link (or a bad one).
DIRECT = "direct"


def iso_london(moment: datetime | None) -> str:
    """An instant as ISO 8601 in London time, with its offset."""
    if moment is None:
        return ""
    return moment.astimezone(LONDON).isoformat(timespec="seconds")


@dataclass
class Column:
    """One export column: its header and how it reads a response's answers."""

    name: str
    question: Question | None = None
    option: dict | None = None
    kind: str = "meta"
    waves: list[str] = field(default_factory=list)
    # Every answer code the code's question had in the waves exported, with
    # the newest label, and the waves that offered each (see columns_for_waves).
    options: list[dict] = field(default_factory=list)
    # Columns added by an app above the survey (survey/exports/extensions.py).
    extension: object = None
    description: str = ""

    def describe(self) -> dict[str, str]:
        """This column's row in the data dictionary."""
        question = self.question
        if self.kind == "extension":
            return dict.fromkeys(DICTIONARY_HEADERS, "") | {
                "column": self.name,
                "question": self.description,
                "values": "1, 0 or blank",
            }
        if question is None:
            return {
                "column": self.name,
                "question_code": "",
                "question": META_DESCRIPTIONS[self.name],
                "type": "",
                "values": "",
                "waves": "",
            }
        if self.kind == "flag":
            values = f"1 = {self.option['label']} ({self.option['code']}); 0 = not"
            values += self._offered_in(self.option)
        elif self.kind == "label":
            values = "; ".join(
                option["label"] + self._offered_in(option) for option in self.options
            )
        elif self.kind == "other":
            values = 'Free text, when "Other" was chosen'
        elif self.kind == "number":
            values = "A whole number"
        else:
            values = "Free text"
        return {
            "column": self.name,
            "question_code": question.code,
            "question": question.text,
            "type": question.get_type_display(),
            "values": values,
            "waves": "; ".join(self.waves),
        }

    def _offered_in(self, option: dict) -> str:
        """A note naming the waves that offered an option, if not all of them."""
        offered = option.get("waves", self.waves)
        if set(offered) >= set(self.waves):
            return ""
        return f" (offered in {', '.join(offered)} only)"


META_DESCRIPTIONS = {
    "reference": "The response's reference, as shown to the respondent",
    "wave": "The survey wave (its code)",
    "submitted_at": "When it was submitted: ISO 8601, London time, with offset",
    "started_at": "When it was started: ISO 8601, London time, with offset",
    CONTACT_COLUMN: "1 if the respondent left contact details for a case study",
    "collector": "The name of the link (collector) the response came through; "
    f'"{DIRECT}" when it came through none, or through an unknown, expired or '
    "inactive one",
    "collector_code": "The code of that link, as in ?via=<code>; blank when direct",
}

DICTIONARY_HEADERS = ["column", "question_code", "question", "type", "values", "waves"]


def columns_for_waves(waves: Iterable[Wave]) -> list[Column]:
    """The columns for responses to these waves, in questionnaire order.

    A code is the same question in every wave, so it is one column; the most
    recent wave's order, wording and labels win, and codes only older waves
    asked come after. A choice question's options are those of every wave
    that asked it: the newest wave's first, then options only older waves
    offered, so an older answer keeps its 1/0 column and its label.
    """
    wave_ids = [wave.pk for wave in waves]
    questions = (
        Question.objects.filter(wave_id__in=wave_ids)
        .select_related("wave", "section")
        .order_by("-wave__opens_at", "section__order", "order", "id")
    )
    versions_of: dict[str, list[Question]] = {}
    for question in questions:
        versions_of.setdefault(question.code, []).append(question)
    columns = [Column(name) for name in META_COLUMNS]
    columns.append(Column(CONTACT_COLUMN))
    columns.extend(Column(name) for name in COLLECTOR_COLUMNS)
    for code, versions in versions_of.items():
        question = versions[0]
        waves_list = sorted(version.wave.slug for version in versions)
        options = combined_options(versions)
        if question.is_multi_valued:
            columns.extend(
                Column(
                    f"{code}__{option['code']}",
                    question,
                    option,
                    "flag",
                    waves_list,
                    options,
                )
                for option in options
            )
        elif question.type in FREE_TEXT_TYPES:
            columns.append(Column(code, question, None, "text", waves_list))
        elif question.type == Question.Type.NUMBER:
            columns.append(Column(code, question, None, "number", waves_list))
        else:
            columns.append(Column(code, question, None, "label", waves_list, options))
        if any(version.other_text for version in versions):
            columns.append(
                Column(question.other_key, question, None, "other", waves_list)
            )
    columns.extend(
        Column(name, kind="extension", extension=extension, description=description)
        for extension, name, description in extension_columns(wave_ids)
    )
    return columns


def combined_options(versions: list[Question]) -> list[dict]:
    """Every answer code of one question code across waves, newest wave first.

    Each option carries the newest label it had and the slugs of the waves
    that offered it (sorted).
    """
    combined: dict[str, dict] = {}
    for version in versions:
        for option in version.options_with_labels():
            entry = combined.setdefault(
                option["code"], {"code": option["code"], "label": option["label"]}
            )
            entry.setdefault("waves", []).append(version.wave.slug)
    for entry in combined.values():
        entry["waves"] = sorted(set(entry["waves"]))
    return list(combined.values())


def columns_for_queryset(queryset: QuerySet) -> list[Column]:
    """The columns for whichever waves the responses in ``queryset`` belong to."""
    wave_ids = queryset.order_by().values("wave_id").distinct()
    return columns_for_waves(Wave.objects.filter(pk__in=wave_ids))


def dictionary_rows(columns: list[Column]) -> list[list[str]]:
    """The data dictionary: one row per export column, in the same order."""
    return [
        [cell_from_text(value) for value in column.describe().values()]
        for column in columns
    ]
