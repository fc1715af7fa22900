"""Factories for survey models."""

import datetime as dt
from http import HTTPStatus

import factory
from django.urls import reverse
from factory.django import DjangoModelFactory

from survey.models import (
    Collector,
    ContactDetails,
    Question,
    Questionnaire,
    Response,
    Section,
    Wave,
)
from survey.respondent import COOKIE_NAME, RespondentCookie
from throttling.tokens import token_hash, token_new
from vocabulary.time import LONDON

# Answers as the survey stores them: codes, lists for multiple choice.
SAMPLE_ANSWERS = {
    "consent": "yes",
    "sector": "local_authority",
    "la_service_area": "housing",
    "organisation_name": "Hackney Council",
    "job_role": "Housing officer",
    "boroughs": ["hackney", "islington"],
    "answering_for": "team",
    "meaning_own_words": "Seeing the person, not the behaviour.",
    "r_realise_1": "agree",
    "r_resist_1": "strongly_agree",
    "principle_safety": "disagree",
    "principle_trust": "dont_know",
    "components_in_place": ["training_all_staff", "written_policies"],
    "barriers": ["funding", "other"],
    "barriers_other": '=HYPERLINK("http://evil.example")',
    "has_example": "yes",
    "example_description": "A drop-in run with young people.\n\nIt started in 2023.",
    "example_difference": "Fewer missed appointments.",
    "example_evidence": "internally_evaluated",
    "example_rs": ["recognise", "respond"],
}


class QuestionnaireFactory(DjangoModelFactory[Questionnaire]):
    """A questionnaire version."""

    class Meta:
        model = Questionnaire
        django_get_or_create = ("code", "version")
        skip_postgeneration_save = True

    code = "practice-survey"
    version = 1
    title = "Trauma-Informed London practice survey"
    estimated_minutes = 15
    start_page = factory.LazyFunction(
        lambda: {
            "what_it_is": "What it is.",
            "why": "Why.",
            "who_sees_answers": "Who sees.",
            "support": "Samaritans: call 116 123.",
            "privacy": "Privacy.",
        }
    )


class WaveFactory(DjangoModelFactory[Wave]):
    """A published wave open from a month ago for a year."""

    class Meta:
        model = Wave
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test wave {n}")
    slug = factory.Sequence(lambda n: f"test-wave-{n}")
    opens_at = factory.LazyFunction(
        lambda: dt.datetime.now(tz=LONDON) - dt.timedelta(days=30)
    )
    closes_at = factory.LazyAttribute(lambda o: o.opens_at + dt.timedelta(days=365))
    questionnaire = factory.SubFactory(QuestionnaireFactory)
    intro = "An intro."
    privacy_text = "Privacy text."
    is_published = True
    retention_until = factory.LazyAttribute(
        lambda o: (o.closes_at + dt.timedelta(days=365)).date()
    )


class SectionFactory(DjangoModelFactory[Section]):
    """A section of a wave."""

    class Meta:
        model = Section
        skip_postgeneration_save = True

    wave = factory.SubFactory(WaveFactory)
    code = factory.Sequence(lambda n: f"section_{n}")
    title = factory.Sequence(lambda n: f"Section {n}")
    intro = "Section intro."
    order = factory.Sequence(lambda n: n)


class QuestionFactory(DjangoModelFactory[Question]):
    """A question in a section; its wave follows the section's."""

    class Meta:
        model = Question
        skip_postgeneration_save = True

    section = factory.SubFactory(SectionFactory)
    wave = factory.LazyAttribute(lambda o: o.section.wave)
    code = factory.Sequence(lambda n: f"question_{n}")
    type = Question.Type.SINGLE
    text = factory.Sequence(lambda n: f"Question {n}?")
    why = "Because it helps."
    options = factory.LazyFunction(
        lambda: [{"code": "a", "label": "A"}, {"code": "b", "label": "B"}]
    )
    order = factory.Sequence(lambda n: n)


class ResponseFactory(DjangoModelFactory[Response]):
    """A draft response with a fresh token."""

    class Meta:
        model = Response
        skip_postgeneration_save = True

    wave = factory.SubFactory(WaveFactory)
    resume_token_hash = factory.LazyFunction(lambda: token_hash(token_new()))


class SubmittedResponseFactory(ResponseFactory):
    """A submitted response."""

    status = Response.Status.SUBMITTED
    reference = factory.LazyFunction(Response.new_reference)
    submitted_at = factory.LazyFunction(lambda: dt.datetime.now(tz=dt.UTC))


class ContactDetailsFactory(DjangoModelFactory[ContactDetails]):
    """Contact details for a submitted response."""

    class Meta:
        model = ContactDetails
        skip_postgeneration_save = True

    response = factory.SubFactory(SubmittedResponseFactory)
    name = factory.Faker("name", locale="en_GB")
    email = factory.Faker("email")
    consented_at = factory.LazyFunction(lambda: dt.datetime.now(tz=dt.UTC))


def wave_with_questionnaire(*, path=None, **fields) -> Wave:
    """A wave carrying a repository questionnaire (version 1 unless ``path``).

    Its intro and privacy text come from the questionnaire's start page unless
    ``fields`` say otherwise; any other field is WaveFactory's.
    """
    from survey.questionnaire import (
        CURRENT_DEFINITION,
        questionnaire_load,
        wave_questions_load,
    )

    path = path or CURRENT_DEFINITION
    questionnaire = questionnaire_load(path=path)
    fields.setdefault("intro", questionnaire.start_page["what_it_is"])
    fields.setdefault("privacy_text", questionnaire.start_page["privacy"])
    wave = WaveFactory(questionnaire=questionnaire, **fields)
    wave_questions_load(wave=wave, path=path)
    return wave


def submitted(wave, answers=None, *, contact=False, submitted_at=None, **kwargs):
    """A submitted response to ``wave`` with these answers (and contact details)."""
    response = SubmittedResponseFactory.build(wave=wave, **kwargs)
    response.set_answers(dict(SAMPLE_ANSWERS if answers is None else answers))
    if submitted_at is not None:
        response.submitted_at = submitted_at
    response.save()
    if contact:
        ContactDetailsFactory(
            response=response, name="Ada Example", email="ada@example.org"
        )
    return response


def london(*args) -> dt.datetime:
    """A London wall-clock time as an aware datetime."""
    return dt.datetime(*args, tzinfo=LONDON)


class CollectorFactory(DjangoModelFactory[Collector]):
    """A network's link for a wave."""

    class Meta:
        model = Collector
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Network {n}")
    kind = Collector.Kind.NETWORK
    wave = factory.SubFactory(WaveFactory)
    created_by = "analyst"


def browser_token(client, wave) -> str | None:
    """The resume token a test client's survey cookie holds for a wave."""
    cookie = client.cookies.get(COOKIE_NAME)
    if cookie is None:
        return None
    return RespondentCookie.from_value(cookie.value).token(wave.slug)


def begin_draft(client, wave) -> str:
    """Start a draft as "Start now" does; return the first page's address."""
    response = client.post(reverse("survey:begin", args=[wave.slug]), {"website": ""})
    assert response.status_code == HTTPStatus.FOUND
    return response["Location"]
