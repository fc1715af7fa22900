"""Writes for the roadmap: loading its content, and saving a result within limits."""

from pathlib import Path

import yaml
from django.db import transaction

from roadmap import scoring
from roadmap.models import (
    Action,
    DomainDescription,
    DomainStage,
    Milestone,
    Phase,
    PhaseLink,
    RoadmapText,
    SelfAssessment,
    StageDescription,
    Statement,
    TextKey,
)
from throttling.services import client_key, rate_limit_hit, rate_limit_retry_after
from throttling.tokens import token_hash, token_new

CONTENT_PATH = Path(__file__).resolve().parent / "content" / "roadmap.yaml"
# Results saved per hour from one IP address (see docs/roadmap.md): above a
# workshop room of leaders on one venue network, far below a script's thousands.
SELF_ASSESSMENTS_PER_IP_PER_HOUR = 30


def roadmap_content_read(*, path: Path = CONTENT_PATH) -> dict:
    """The roadmap content file, parsed."""
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@transaction.atomic
def roadmap_content_load(*, path: Path = CONTENT_PATH) -> list[str]:
    """Create any roadmap content that is missing; never overwrite staff edits.

    The file is the starting point: once a phase, cell or statement exists, the
    copy in the database (edited in the admin) wins, so loading again changes
    nothing.
    """
    content = roadmap_content_read(path=path)
    created = {"texts": 0, "phases": 0, "stages": 0, "domains": 0}
    created |= {"cells": 0, "statements": 0}

    texts = dict(content["meta"])
    texts[TextKey.SCORING_RULE] = content["self_assessment"]["scoring"]["scoring_rule"]
    for key, text in texts.items():
        _, made = RoadmapText.objects.get_or_create(
            key=TextKey(key), defaults={"text": text}
        )
        created["texts"] += made

    for item in content["phases"]:
        phase, made = Phase.objects.get_or_create(
            code=item["code"],
            defaults={
                "number": item["number"],
                "title": item["title"],
                "aim": item["aim"],
                "outputs": item["outputs"],
                "starts_on": item["starts_on"],
                "ends_on": item["ends_on"],
            },
        )
        if made:
            created["phases"] += 1
            Milestone.objects.bulk_create(
                Milestone(phase=phase, when=m["when"], text=m["text"], order=order)
                for order, m in enumerate(item.get("milestones", []))
            )
            # A link names a page of this site (url_name) or an address
            # elsewhere (url), such as findings published by the VRU.
            PhaseLink.objects.bulk_create(
                PhaseLink(
                    phase=phase,
                    label=link["label"],
                    target=link.get("url_name", ""),
                    external_url=link.get("url", ""),
                    order=n,
                )
                for n, link in enumerate(item.get("links", []))
            )

    for item in content["stages"]:
        _, made = StageDescription.objects.get_or_create(
            stage=item["code"],
            defaults={
                "number": item["number"],
                "title": item["title"],
                "summary": item["summary"],
                "practice_levels": item["practice_levels"],
            },
        )
        created["stages"] += made

    for item in content["domains"]:
        _, made = DomainDescription.objects.get_or_create(
            domain=item["code"],
            defaults={
                "number": item["number"],
                "title": item["title"],
                "summary": item["summary"],
                "why": item["why"],
                "samhsa_domains": item["samhsa_domains"],
                "merged_from": item["merged_from"],
            },
        )
        created["domains"] += made

    for item in content["framework"]:
        tags = item.get("tags", {})
        cell, made = DomainStage.objects.get_or_create(
            domain=item["domain"],
            stage=item["stage"],
            defaults={
                "looks_like": item["looks_like"],
                "rs": tags.get("rs", []),
                "principles": tags.get("principles", []),
                "components": tags.get("components", []),
            },
        )
        if made:
            created["cells"] += 1
            Action.objects.bulk_create(
                Action(
                    domain_stage=cell,
                    text=action["text"],
                    sectors=action.get("sectors", []),
                    order=order,
                )
                for order, action in enumerate(item["actions"])
            )

    for order, item in enumerate(content["self_assessment"]["statements"]):
        _, made = Statement.objects.get_or_create(
            code=item["code"],
            defaults={
                "domain": item["domain"],
                "stage": item["stage"],
                "text": item["text"],
                "order": order,
            },
        )
        created["statements"] += made

    return [
        "Roadmap content: "
        + ", ".join(f"{count} {name} created" for name, count in created.items())
    ]


@transaction.atomic
def self_assessment_rate_limited(*, ip_address: str) -> bool:
    """Count one result saved from this address; True once over the hour's limit.

    The survey's database counters, under their own key, so the limit holds
    across web workers and only a keyed hash of the address is kept, for an hour
    or two, never with the result.
    """
    return rate_limit_hit(
        key=f"roadmap:{client_key(ip_address)}",
        limit=SELF_ASSESSMENTS_PER_IP_PER_HOUR,
    )


def self_assessment_retry_after(*, ip_address: str) -> int:
    """Seconds until an address over the limit may save a result again."""
    return rate_limit_retry_after(
        key=f"roadmap:{client_key(ip_address)}",
        limit=SELF_ASSESSMENTS_PER_IP_PER_HOUR,
    )


def self_assessment_create(
    *, sector: str, answers: dict[str, object], statements: list[Statement]
) -> tuple[SelfAssessment, str]:
    """Score and save an anonymous result; return it with its link's token.

    The token is returned once and only its digest is stored.
    """
    stored = scoring.clean_answers(answers, (s.code for s in statements))
    token = token_new()
    assessment = SelfAssessment.objects.create(
        token_digest=token_hash(token),
        sector=sector,
        answers=stored,
        profile={
            domain: str(reached)
            for domain, reached in scoring.profile(stored, statements).items()
        },
    )
    return assessment, token
