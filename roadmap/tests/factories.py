"""Factories for the roadmap's models."""

import datetime

import factory
from factory.django import DjangoModelFactory

from roadmap.models import (
    Action,
    DomainDescription,
    DomainStage,
    Milestone,
    Phase,
    PhaseLink,
    SelfAssessment,
    StageDescription,
    Statement,
)
from throttling.tokens import token_hash
from vocabulary.choices import Domain, Stage


class PhaseFactory(DjangoModelFactory[Phase]):
    """A phase of the programme lasting a month."""

    class Meta:
        model = Phase
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: n + 1)
    code = factory.Sequence(lambda n: f"phase-{n}")
    title = factory.Sequence(lambda n: f"Phase title {n}")
    aim = "Agree what trauma-informed means for London."
    outputs = factory.LazyFunction(lambda: ["A review of the evidence"])
    starts_on = datetime.date(2025, 1, 1)
    ends_on = datetime.date(2025, 1, 31)


class MilestoneFactory(DjangoModelFactory[Milestone]):
    """A milestone within a phase."""

    class Meta:
        model = Milestone
        skip_postgeneration_save = True

    phase = factory.SubFactory(PhaseFactory)
    when = "Late 2024"
    text = "Interim findings shared with partners"


class PhaseLinkFactory(DjangoModelFactory[PhaseLink]):
    """A link from a phase to the journey."""

    class Meta:
        model = PhaseLink
        skip_postgeneration_save = True

    phase = factory.SubFactory(PhaseFactory)
    label = "Explore the journey"
    target = "roadmap:journey"


class StageDescriptionFactory(DjangoModelFactory[StageDescription]):
    """A stage; pass ``stage`` and ``number`` to make each one."""

    class Meta:
        model = StageDescription
        skip_postgeneration_save = True
        django_get_or_create = ("stage",)

    stage = Stage.AWARE
    number = 1
    title = factory.LazyAttribute(lambda o: Stage(o.stage).label)
    summary = "The organisation realises how widespread trauma is."
    practice_levels = "Everyone reaches the baseline."


class DomainDescriptionFactory(DjangoModelFactory[DomainDescription]):
    """A domain; pass ``domain`` and ``number`` to make each one."""

    class Meta:
        model = DomainDescription
        skip_postgeneration_save = True
        django_get_or_create = ("domain",)

    domain = Domain.GOVERNANCE_LEADERSHIP
    number = 1
    title = factory.LazyAttribute(lambda o: Domain(o.domain).label)
    summary = "How leaders set direction."
    why = "Practice lasts only when leaders own it."
    samhsa_domains = factory.LazyFunction(lambda: ["Governance and leadership"])
    merged_from = "Combines governance with financing."


class DomainStageFactory(DjangoModelFactory[DomainStage]):
    """A framework cell."""

    class Meta:
        model = DomainStage
        skip_postgeneration_save = True
        django_get_or_create = ("domain", "stage")

    domain = Domain.GOVERNANCE_LEADERSHIP
    stage = Stage.AWARE
    looks_like = "Interest rests with one or two enthusiasts."
    rs = factory.LazyFunction(lambda: ["realise"])
    principles = factory.LazyFunction(lambda: ["trust"])
    components = factory.LazyFunction(lambda: ["leadership_role"])


class ActionFactory(DjangoModelFactory[Action]):
    """An action for everyone."""

    class Meta:
        model = Action
        skip_postgeneration_save = True

    domain_stage = factory.SubFactory(DomainStageFactory)
    text = factory.Sequence(lambda n: f"Action number {n}")
    sectors = factory.LazyFunction(list)


class StatementFactory(DjangoModelFactory[Statement]):
    """A self-assessment statement."""

    class Meta:
        model = Statement
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"statement_{n}")
    domain = Domain.GOVERNANCE_LEADERSHIP
    stage = Stage.AWARE
    text = factory.Sequence(lambda n: f"Statement text {n}")
    order = factory.Sequence(lambda n: n)


class SelfAssessmentFactory(DjangoModelFactory[SelfAssessment]):
    """A saved result; its token is ``token-<n>``."""

    class Meta:
        model = SelfAssessment
        skip_postgeneration_save = True

    token_digest = factory.Sequence(lambda n: token_hash(f"token-{n}"))
    sector = ""
    answers = factory.LazyFunction(dict)
    profile = factory.LazyFunction(lambda: dict.fromkeys(Domain.values, "starting_out"))


def full_framework() -> None:
    """Every stage, domain and cell, each cell with one action for everyone."""
    for number, stage in enumerate(Stage, start=1):
        StageDescriptionFactory(stage=stage, number=number)
    for number, domain in enumerate(Domain, start=1):
        DomainDescriptionFactory(domain=domain, number=number)
        for stage in Stage:
            ActionFactory(domain_stage=DomainStageFactory(domain=domain, stage=stage))
