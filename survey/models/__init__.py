"""Waves, the questionnaire as data, responses (drafts included) and contact details.

Answers live in one JSON document per response, keyed by stable question codes,
so a response is one row and an export is one row per response with stable
columns. Sector, boroughs and organisation are copied out of the answers when
answers are saved, so analysts can filter on indexed columns.

One module per aggregate: ``waves`` (questionnaire versions, waves, sections),
``collectors`` (the links a wave is shared through),
``questions``, ``responses`` (with contact details), ``examples`` (the case
study started from a response) and ``figures`` (the dashboard's counts, mixed
into the response queryset).
"""

from survey.models.collectors import (
    COLLECTOR_ALPHABET,
    VIA,
    Collector,
    collector_code_new,
)
from survey.models.counts import RESPONDENTS, AnswerCount
from survey.models.examples import ExampleCaseStudy
from survey.models.questions import (
    AGREEMENT_OPTIONS,
    CONSENT_OPTIONS,
    DONT_KNOW,
    FREE_TEXT_TYPES,
    NOT_APPLICABLE,
    NOT_APPLICABLE_OPTION,
    OTHER,
    PREFER_NOT_TO_SAY,
    YES_NO_OPTIONS,
    Question,
    free_text_keys,
    free_text_keys_of,
)
from survey.models.responses import (
    REFERENCE_ALPHABET,
    REFERENCE_PREFIX,
    ContactDetails,
    Response,
    ResponseQuerySet,
    search_text_for,
)
from survey.models.waves import (
    RESERVED_WAVE_SLUGS,
    Questionnaire,
    Section,
    Wave,
    WaveQuerySet,
)

__all__ = [
    "AGREEMENT_OPTIONS",
    "COLLECTOR_ALPHABET",
    "CONSENT_OPTIONS",
    "DONT_KNOW",
    "FREE_TEXT_TYPES",
    "NOT_APPLICABLE",
    "NOT_APPLICABLE_OPTION",
    "OTHER",
    "PREFER_NOT_TO_SAY",
    "REFERENCE_ALPHABET",
    "REFERENCE_PREFIX",
    "RESERVED_WAVE_SLUGS",
    "RESPONDENTS",
    "VIA",
    "YES_NO_OPTIONS",
    "AnswerCount",
    "Collector",
    "ContactDetails",
    "ExampleCaseStudy",
    "Question",
    "Questionnaire",
    "Response",
    "ResponseQuerySet",
    "Section",
    "Wave",
    "WaveQuerySet",
    "collector_code_new",
    "free_text_keys",
    "free_text_keys_of",
    "search_text_for",
]
