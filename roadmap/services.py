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
    ReportedStatus,
    RoadmapText,
    SelfAssessment,
    StageDescription,
    Statement,
    TextKey,
)
from sources.demo import sources_load
from sources.loading import LoadReport, load_row, released_hashes
from sources.models import Source
from throttling.services import client_key, rate_limit_hit, rate_limit_retry_after
from throttling.tokens import token_hash, token_new

CONTENT_PATH = Path(__file__).resolve().parent / "content" / "roadmap.yaml"
# Digests of page texts and phases as earlier releases of the file loaded them,
# for rows loaded before digests were kept (see docs/roadmap.md).
RELEASED_PATH = CONTENT_PATH.with_name("released_hashes.json")
# Results saved per hour from one IP address (see docs/roadmap.md): above a
# workshop room of leaders on one venue network, far below a script's thousands.
SELF_ASSESSMENTS_PER_IP_PER_HOUR = 30


def roadmap_content_read(*, path: Path = CONTENT_PATH) -> dict:
    """The roadmap content file, parsed."""
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def phase_content(item: dict) -> dict:
    """A phase in the content file as the content it loads.

    The quotes beside the status and milestones are for reviewers and the
    citation tests; they are not loaded.
    """
    status = item.get("status") or {}
    return {
        "number": item["number"],
        "title": item["title"],
        "aim": item["aim"],
        "outputs": list(item["outputs"]),
        "starts_on": str(item.get("starts_on") or ""),
        "ends_on": str(item.get("ends_on") or ""),
        "reported_status": status.get("value", ReportedStatus.NOT_PUBLISHED),
        "status_note": " ".join((status.get("note") or "").split()),
        "status_source": status.get("source") or "",
        # Sorted, as phase_row_content reads them: the order in the file is not
        # kept in the database, so it must not count as an edit.
        "sources": sorted(item.get("sources") or []),
        "milestones": [
            [m["when"], m["text"], m.get("status", "planned"), m.get("source") or ""]
            for m in item.get("milestones") or []
        ],
        "links": [
            [link["label"], link.get("url_name", ""), link.get("url", "")]
            for link in item.get("links") or []
        ],
    }


def phase_row_content(phase: Phase) -> dict:
    """The same content read from a phase in the database."""
    return {
        "number": phase.number,
        "title": phase.title,
        "aim": phase.aim,
        "outputs": list(phase.outputs),
        "starts_on": str(phase.starts_on or ""),
        "ends_on": str(phase.ends_on or ""),
        "reported_status": phase.reported_status,
        "status_note": phase.status_note,
        "status_source": phase.status_source.code if phase.status_source else "",
        "sources": sorted(s.code for s in phase.sources.all()),
        "milestones": [
            [m.when, m.text, m.status, m.source.code if m.source else ""]
            for m in phase.milestones.all()
        ],
        "links": [[x.label, x.target, x.external_url] for x in phase.links.all()],
    }


def _phase_write(phase: Phase | None, digest: str, item: dict) -> None:
    wanted = phase_content(item)
    phase = phase or Phase(code=item["code"])
    codes = set(wanted["sources"]) | {m[3] for m in wanted["milestones"] if m[3]}
    codes |= {wanted["status_source"]} - {""}
    by_code = {s.code: s for s in Source.objects.filter(code__in=codes)}
    if codes - set(by_code):
        raise ValueError(
            f"{item['code']}: unknown source {sorted(codes - set(by_code))}"
        )
    for field in ("number", "title", "aim", "outputs", "reported_status"):
        setattr(phase, field, wanted[field])
    phase.status_note = wanted["status_note"]
    phase.status_source = by_code.get(wanted["status_source"])
    phase.starts_on = item.get("starts_on")
    phase.ends_on = item.get("ends_on")
    phase.loaded_hash = digest
    phase.save()
    phase.sources.set([by_code[code] for code in wanted["sources"]])
    phase.milestones.all().delete()
    Milestone.objects.bulk_create(
        Milestone(
            phase=phase,
            when=when,
            text=text,
            status=status,
            source=by_code.get(code),
            order=order,
        )
        for order, (when, text, status, code) in enumerate(wanted["milestones"])
    )
    # A link names a page of this site (url_name) or an address elsewhere
    # (url), such as findings published by the VRU.
    phase.links.all().delete()
    PhaseLink.objects.bulk_create(
        PhaseLink(phase=phase, label=label, target=target, external_url=url, order=n)
        for n, (label, target, url) in enumerate(wanted["links"])
    )


STAGE_FIELDS = ("number", "title", "summary", "practice_levels")
DOMAIN_FIELDS = ("number", "title", "summary", "why", "samhsa_domains", "merged_from")


def _pick(values: dict, fields: tuple[str, ...]) -> dict:
    """The loaded fields of a stage or area, from the file or a row's values."""
    return {
        field: list(values[field]) if field == "samhsa_domains" else values[field]
        for field in fields
    }


def _described_write(model, key, row, digest, item, fields) -> None:
    """Save a stage or area from the file, with the digest of what it was given."""
    row = row or model(**{key: item["code"]})
    for field in fields:
        setattr(row, field, item[field])
    row.loaded_hash = digest
    row.save()


def _described_load(model, key, fields, items, title, update, released):
    """Load the stages or areas, each row found by its ``key`` field's code."""
    report = LoadReport(title)
    found = {getattr(row, key): row for row in model.objects.all()}
    for item in items:
        load_row(
            report=report,
            label=item["code"],
            instance=found.get(item["code"]),
            wanted=_pick(item, fields),
            current=lambda row: _pick(vars(row), fields),
            write=lambda row, digest, item=item: _described_write(
                model, key, row, digest, item, fields
            ),
            update=update,
            released=released.get(f"{key}:{item['code']}", set()),
        )
    return report


@transaction.atomic
def roadmap_content_load(
    *, path: Path = CONTENT_PATH, update: bool = False
) -> list[str]:
    """Create any roadmap content that is missing; never overwrite staff edits.

    The file is the starting point: once a row exists, the copy in the
    database (edited in the admin) wins. With ``update``, page texts and phases
    that staff have not changed since they were loaded are rewritten from the
    file, as are stages and areas; the rest is created only. Sources are loaded first.
    """
    lines = sources_load(update=update).lines()
    released = released_hashes(RELEASED_PATH)
    content = roadmap_content_read(path=path)
    created = {"texts": 0, "phases": 0, "stages": 0, "domains": 0}
    created |= {"cells": 0, "statements": 0}

    texts = dict(content["meta"])
    texts[TextKey.SCORING_RULE] = content["self_assessment"]["scoring"]["scoring_rule"]
    text_report = LoadReport("Page texts")
    found = {t.key: t for t in RoadmapText.objects.all()}
    for key, text in texts.items():
        load_row(
            report=text_report,
            label=str(key),
            instance=found.get(key),
            wanted={"text": text},
            current=lambda row: {"text": row.text},
            write=lambda row,
            digest,
            key=key,
            text=text: RoadmapText.objects.update_or_create(
                key=TextKey(key), defaults={"text": text, "loaded_hash": digest}
            ),
            update=update,
            released=released.get(f"text:{key}", set()),
        )
    created["texts"] = len(text_report.created)

    phase_report = LoadReport("Phases")
    found = {
        p.code: p
        for p in Phase.objects.prefetch_related(
            "sources", "milestones__source", "links"
        ).select_related("status_source")
    }
    for item in content["phases"]:
        load_row(
            report=phase_report,
            label=item["code"],
            instance=found.get(item["code"]),
            wanted=phase_content(item),
            current=phase_row_content,
            write=lambda phase, digest, item=item: _phase_write(phase, digest, item),
            update=update,
            released=released.get(f"phase:{item['code']}", set()),
        )
    created["phases"] = len(phase_report.created)

    described = {}
    for key, model, fields, title in (
        ("stage", StageDescription, STAGE_FIELDS, "Stages"),
        ("domain", DomainDescription, DOMAIN_FIELDS, "Areas"),
    ):
        items = content[f"{key}s"]
        report = _described_load(model, key, fields, items, title, update, released)
        described[key] = report
        created[f"{key}s"] = len(report.created)

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

    return (
        lines
        + text_report.lines()
        + phase_report.lines()
        + described["stage"].lines()
        + described["domain"].lines()
        + [
            "Roadmap content: "
            + ", ".join(f"{count} {name} created" for name, count in created.items())
        ]
    )


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
