"""The journey framework, and a self-assessment result, put together for a page.

Domains, stages, cells with their actions and the published case studies are
each fetched once; they are joined, filtered by sector and matched in Python,
so a page costs the same number of queries however much content there is.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from casestudies.models import CaseStudy
from roadmap import scoring
from roadmap.models import (
    Action,
    DomainDescription,
    DomainStage,
    SelfAssessment,
    StageDescription,
    Statement,
)
from vocabulary.choices import PracticeLevel, Sector, Stage

# Case studies each roadmap sector is shown: its own, and practice that spans
# sectors; Metropolitan Police readers also see other forces' practice.
CASE_STUDY_SECTORS = {
    Sector.LOCAL_AUTHORITY: {Sector.LOCAL_AUTHORITY, Sector.CROSS_SECTOR},
    Sector.MET_POLICE: {Sector.MET_POLICE, Sector.POLICING, Sector.CROSS_SECTOR},
    Sector.NHS: {Sector.NHS, Sector.CROSS_SECTOR},
    Sector.VCS: {Sector.VCS, Sector.CROSS_SECTOR},
}
CASE_STUDIES_PER_CELL = 3
# The journey stage each practice level mostly shows, following the stages'
# "practice levels" text in roadmap/content/roadmap.yaml: the everyone level
# (called trauma-aware in Wales, trauma-informed in Scotland) is what the aware
# stage works towards; most staff becoming trauma-skilled marks the informed
# stage; trauma-enhanced and trauma-specialist roles complete the responsive mix.
PRACTICE_LEVEL_STAGES = {
    PracticeLevel.TRAUMA_AWARE: Stage.AWARE,
    PracticeLevel.TRAUMA_INFORMED: Stage.AWARE,
    PracticeLevel.TRAUMA_SKILLED: Stage.INFORMED,
    PracticeLevel.TRAUMA_ENHANCED: Stage.RESPONSIVE,
    PracticeLevel.TRAUMA_SPECIALIST: Stage.RESPONSIVE,
}
STAGE_ORDER = list(Stage)
# Other results in the same sector needed before any comparison is shown, so that
# no one result can be picked out of the figures.
COMPARISON_MINIMUM = 10


@dataclass
class CellView:
    """One stage within one domain, ready to show."""

    stage: StageDescription
    cell: DomainStage | None
    actions: list[Action] = field(default_factory=list)
    case_studies: list = field(default_factory=list)


@dataclass
class DomainView:
    """One domain with its stages in order."""

    domain: DomainDescription
    cells: list[CellView]

    def cell_for(self, stage: str) -> CellView | None:
        """The cell for a stage code, if that stage exists."""
        return next((c for c in self.cells if c.stage.stage == stage), None)


def tag_overlap(case_study, cell: DomainStage) -> int:
    """How many of the cell's 4 Rs, principles and components a case study shares."""
    return (
        len(set(case_study.rs) & set(cell.rs))
        + len(set(case_study.principles) & set(cell.principles))
        + len(set(case_study.components) & set(cell.components))
    )


def stage_distance(case_study, cell: DomainStage) -> int:
    """How many stages lie between a case study's practice level and the cell's.

    0 on the cell's own stage; 1 a stage away, or when the case study gives no
    practice level; 2 at the far end of the journey.
    """
    stage = PRACTICE_LEVEL_STAGES.get(case_study.practice_level)
    if stage is None or cell.stage not in STAGE_ORDER:
        return 1
    return abs(STAGE_ORDER.index(stage) - STAGE_ORDER.index(cell.stage))


def matching_case_studies(
    cell: DomainStage,
    case_studies: Iterable,
    *,
    sector: str = "",
    limit: int = CASE_STUDIES_PER_CELL,
) -> list:
    """The case studies that best show a cell, documented practice first.

    A case study must be tagged with the cell's domain, share at least one other
    tag and not show practice from the far end of the journey (an everyone-level
    example under trauma-responsive, say); with a sector, it must also be from a
    sector that sector is shown. Ranked by: documented before illustrative, so an
    invented example only fills a cell that documented practice cannot; then on
    the cell's own stage before a stage away; then most shared tags; then title.
    """
    wanted_sectors = CASE_STUDY_SECTORS.get(sector, set()) if sector else set()
    ranked = []
    for case_study in case_studies:
        if cell.domain not in case_study.domains:
            continue
        if wanted_sectors and not wanted_sectors & set(case_study.sectors):
            continue
        distance = stage_distance(case_study, cell)
        if distance > 1:
            continue
        overlap = tag_overlap(case_study, cell)
        if overlap:
            key = (case_study.is_illustrative, distance, -overlap, case_study.title)
            ranked.append((key, case_study))
    ranked.sort(key=lambda row: row[0])
    return [case_study for _, case_study in ranked[:limit]]


def published_case_studies() -> list[CaseStudy]:
    """Every published case study with just the fields matching and links need.

    One query; matching against the 21 cells happens in Python, which stays
    cheap for a library of hundreds.
    """
    return list(
        CaseStudy.objects.published()
        .only(
            "slug",
            "title",
            "summary",
            "sectors",
            "domains",
            "rs",
            "principles",
            "components",
            "practice_level",
            "is_illustrative",
        )
        .order_by("title")
    )


def framework(
    *,
    sector: str = "",
    domain: str = "",
    case_studies: Sequence = (),
    stages: Sequence[StageDescription] | None = None,
) -> list[DomainView]:
    """Every domain (or one) with its stages, sector-filtered actions and case studies.

    Four queries: stages (unless passed in), domains, cells and actions; case
    studies are passed in.
    """
    if stages is None:
        stages = list(StageDescription.objects.all())
    domains = DomainDescription.objects.all()
    cells = DomainStage.objects.with_actions()
    if domain:
        domains = domains.filter(domain=domain)
        cells = cells.filter(domain=domain)
    by_key = {(c.domain, c.stage): c for c in cells}
    views = []
    for domain_description in domains:
        cell_views = []
        for stage in stages:
            cell = by_key.get((domain_description.domain, stage.stage))
            cell_view = CellView(stage=stage, cell=cell)
            if cell is not None:
                cell_view.actions = [
                    a for a in cell.actions.all() if a.applies_to(sector)
                ]
                cell_view.case_studies = matching_case_studies(
                    cell, case_studies, sector=sector
                )
            cell_views.append(cell_view)
        views.append(DomainView(domain=domain_description, cells=cell_views))
    return views


@dataclass
class DomainResult:
    """One domain of a self-assessment result: the stage reached and what next."""

    domain: DomainView
    reached: scoring.StageReached
    next_steps: CellView | None
    answers: list[tuple[Statement, str]]


def assessment_results(
    assessment: SelfAssessment,
    *,
    statements: Sequence[Statement],
    case_studies: Sequence = (),
) -> list[DomainResult]:
    """Every domain of a result, with next steps and case studies for its sector."""
    results = []
    for view in framework(sector=assessment.sector, case_studies=case_studies):
        code = view.domain.domain
        reached = scoring.StageReached(
            assessment.profile.get(code, scoring.StageReached.STARTING_OUT)
        )
        results.append(
            DomainResult(
                domain=view,
                reached=reached,
                next_steps=view.cell_for(scoring.next_steps_stage(reached)),
                answers=[
                    (s, scoring.rating_label(assessment.answers.get(s.code)))
                    for s in statements
                    if s.domain == code
                ],
            )
        )
    return results


def comparison_table(results: list[DomainResult], total: int, counts: dict) -> dict:
    """Per domain, the share of other results at each stage, marking this one's."""
    rows = []
    for result in results:
        code = result.domain.domain.domain
        rows.append(
            {
                "domain": result.domain.domain,
                "cells": [
                    {
                        "reached": reached,
                        "count": counts[code][reached],
                        "percent": round(100 * counts[code][reached] / total),
                        "yours": reached == result.reached,
                    }
                    for reached in scoring.StageReached
                ],
            }
        )
    return {"total": total, "rows": rows}


def sector_comparison(
    assessment: SelfAssessment, results: list[DomainResult]
) -> dict | None:
    """The comparison with other results in the sector, or None below the minimum.

    One aggregate query, however many results there are; none without a sector.
    """
    if not assessment.sector:
        return None
    total, counts = (
        SelfAssessment.objects.filter(sector=assessment.sector)
        .exclude(pk=assessment.pk)
        .stage_counts()
    )
    if total < COMPARISON_MINIMUM:
        return None
    return comparison_table(results, total, counts)
