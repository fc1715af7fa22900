"""The roadmap: programme phases, the journey framework and self-assessment results.

Stages and domains are keyed by their vocabulary codes (vocabulary.choices), so
cells, actions and statements join to their descriptions by code, in Python,
without a query per row.

One module per part: ``programme`` (phases, milestones, links, page texts),
``framework`` (stages, areas, cells, actions, statements) and ``assessments``
(self-assessment results).
"""

from roadmap.models.assessments import (
    SelfAssessment,
    SelfAssessmentQuerySet,
)
from roadmap.models.framework import (
    ROADMAP_SECTORS,
    Action,
    DomainDescription,
    DomainStage,
    DomainStageQuerySet,
    StageDescription,
    Statement,
)
from roadmap.models.programme import (
    LinkTarget,
    Milestone,
    MilestoneStatus,
    Phase,
    PhaseLink,
    PhaseStatus,
    ReportedStatus,
    RoadmapText,
    TextKey,
)

__all__ = [
    "ROADMAP_SECTORS",
    "Action",
    "DomainDescription",
    "DomainStage",
    "DomainStageQuerySet",
    "LinkTarget",
    "Milestone",
    "MilestoneStatus",
    "Phase",
    "PhaseLink",
    "PhaseStatus",
    "ReportedStatus",
    "RoadmapText",
    "SelfAssessment",
    "SelfAssessmentQuerySet",
    "StageDescription",
    "Statement",
    "TextKey",
]
