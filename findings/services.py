"""Building, publishing and unpublishing findings releases."""

import math

from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record
from findings.baseline import measures
from findings.coded_themes import theme_resolve, themes_add
from findings.disclosure import THRESHOLD, suppress
from findings.models import FindingsRelease
from findings.points import points_render
from findings.release import (
    DISTRIBUTION_TYPES,
    SELECTED_TYPES,
    QuestionSpec,
    build,
    counted_options,
    resolve,
)
from findings.tally import tally_for_wave
from survey.models import Question, Wave
from tilondon.replica import replica_reads

SNAPSHOT_VERSION = 1
SUPPRESSION_RULE = (
    "Counts from 1 to 9 are shown as 'fewer than 10'. Further counts are hidden "
    "where needed so that none of them can be worked out from a total or from "
    "the other counts. Percentages are whole numbers, shown only where the base "
    "is 10 or more."
)


class ReleaseRefused(Exception):
    """A release cannot be published, unpublished or changed now; says why."""


def question_specs(wave: Wave) -> dict[str, QuestionSpec]:
    """The wave's publishable questions (choice and scale questions only)."""
    questions = Question.objects.filter(
        wave=wave, type__in=[*DISTRIBUTION_TYPES, *SELECTED_TYPES]
    ).select_related("section")
    return {
        q.code: QuestionSpec(
            code=q.code,
            type=q.type,
            text=q.text,
            options=tuple((o["code"], o["label"]) for o in q.options_with_labels()),
        )
        for q in questions
    }


def _points(now: dict, before: dict) -> int:
    exact = 100 * now["count"] / now["base"] - 100 * before["count"] / before["base"]
    return math.floor(exact + 0.5)


def compare(snapshot: dict, baseline: dict) -> None:
    """Mark each row of ``snapshot`` with its change since ``baseline``, in place.

    Comparable only when both counts are published, both bases are 10 or
    more and the question's stored definition hash is the same.
    """
    earlier = {t["key"]: t for t in baseline.get("tables", [])}
    for table in snapshot["tables"]:
        before_table = earlier.get(table["key"])
        if before_table is None or "definition_hash" not in table:
            continue
        same = before_table.get("definition_hash") == table["definition_hash"]
        before_rows = {r["figure"]: r for r in before_table["rows"]}
        for row in table["rows"]:
            before = before_rows.get(row["figure"])
            if not same:
                row["change"] = {"status": "not_comparable", "reason": "wording"}
            elif (
                before is None
                or row["count"] is None
                or before["count"] is None
                or (table["base"] or 0) < THRESHOLD
                or (before_table["base"] or 0) < THRESHOLD
            ):
                row["change"] = {"status": "not_comparable", "reason": "too_few"}
            else:
                row["change"] = {
                    "status": "comparable",
                    "points": _points(
                        {"count": row["count"], "base": table["base"]},
                        {"count": before["count"], "base": before_table["base"]},
                    ),
                    "before": before["percent"],
                }


def baseline_release_for(release: FindingsRelease) -> FindingsRelease | None:
    """The newest published release of an earlier wave: what this one is set beside.

    Demo releases are compared only with demo releases, real with real.
    """
    return (
        FindingsRelease.objects.published()
        .filter(wave__opens_at__lt=release.wave.opens_at, is_demo=release.is_demo)
        .select_related("wave")
        .first()
    )


def release_snapshot(*, release: FindingsRelease) -> dict:
    """Everything the public page shows, built now from the wave's responses."""
    wave = release.wave
    questions = question_specs(wave)
    mapped = measures()
    # The heavy reads, counting every response: on the replica if there is one.
    with replica_reads():
        tally = tally_for_wave(wave.pk, counted_options(questions, mapped))
        draft = build(tally, questions, mapped)
        themes = list(release.themes.select_related("code"))
        theme_keys = themes_add(draft, themes)
    hidden = suppress(draft.figures, draft.relations)
    body = resolve(draft, hidden)
    baseline = baseline_release_for(release)
    if baseline is not None:
        compare(body, baseline.snapshot)
    snapshot = {
        "version": SNAPSHOT_VERSION,
        "wave": {
            "slug": wave.slug,
            "name": wave.name,
            "opens_at": wave.opens_at.isoformat(),
            # The last instant answers were accepted, so "until 30 June" reads
            # right for a wave closed from 1 July 00:00.
            "closes_at": wave.last_moment.isoformat(),
        },
        "title": release.title,
        "is_demo": release.is_demo,
        "summary": release.summary,
        "who_was_asked": release.who_was_asked,
        "themes": [
            {
                "heading": t.heading,
                "text": t.text,
                "figures": keys and theme_resolve(draft, hidden, keys),
            }
            for t, keys in zip(themes, theme_keys, strict=True)
        ],
        "suppression_rule": SUPPRESSION_RULE,
        "baseline": (
            {"slug": baseline.wave.slug, "name": baseline.wave.name}
            if baseline is not None
            else None
        ),
        "missing_mapped": sorted({m.question for m in mapped} - set(questions)),
        **body,
    }
    snapshot["main_points"] = points_render(snapshot, list(release.main_points.all()))
    return snapshot


@transaction.atomic
def release_publish(*, release: FindingsRelease, user) -> FindingsRelease:
    """Freeze the release's figures and make it public; recorded in the audit trail."""
    release = FindingsRelease.objects.select_for_update().get(pk=release.pk)
    wave = release.wave
    if release.is_published:
        raise ReleaseRefused("This release is already published.")
    if wave.status() != Wave.Status.CLOSED:
        raise ReleaseRefused(
            f"{wave.name} is still open, so its findings cannot be published. "
            "Publish them once the wave has closed."
        )
    snapshot = release_snapshot(release=release)
    for number, point in enumerate(snapshot["main_points"], start=1):
        if point["problem"]:
            raise ReleaseRefused(
                f"Main point {number} {point['problem']}. Choose another figure."
            )
    now = timezone.now()
    snapshot["published_at"] = now.isoformat()
    release.snapshot = snapshot
    release.status = FindingsRelease.Status.PUBLISHED
    release.published_at = now
    release.published_by = user.get_username() if user is not None else ""
    release.save()
    audit_record(
        user=user,
        action=AuditEvent.Action.FINDINGS_PUBLISH,
        obj=release,
        detail={
            "wave": wave.slug,
            "respondents": snapshot["respondents"]["count"],
            "hidden_counts": snapshot["hidden_count"],
        },
    )
    return release


@transaction.atomic
def release_unpublish(*, release: FindingsRelease, user) -> FindingsRelease:
    """Take a release off the public pages; recorded in the audit trail."""
    release = FindingsRelease.objects.select_for_update().get(pk=release.pk)
    if not release.is_published:
        raise ReleaseRefused("This release is not published.")
    published_at = release.snapshot.get("published_at", "")
    release.status = FindingsRelease.Status.DRAFT
    release.snapshot = {}
    release.published_at = None
    release.published_by = ""
    release.report_pdf = b""
    release.report_for = None
    release.save()
    audit_record(
        user=user,
        action=AuditEvent.Action.FINDINGS_UNPUBLISH,
        obj=release,
        detail={"wave": release.wave.slug, "was_published_at": published_at},
    )
    return release


def release_check_editable(release: FindingsRelease) -> None:
    """Refuse any edit to a published release: unpublish it first."""
    if release.pk and (
        FindingsRelease.objects.filter(
            pk=release.pk, status=FindingsRelease.Status.PUBLISHED
        ).exists()
    ):
        raise ReleaseRefused(
            "This release is published, so it cannot be changed. Unpublish it "
            "first, make your changes, then publish it again."
        )
