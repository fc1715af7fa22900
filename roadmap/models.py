"""The roadmap: programme phases, the journey framework and self-assessment results.

Stages and domains are keyed by their vocabulary codes (vocabulary.choices), so
cells, actions and statements join to their descriptions by code, in Python,
without a query per row.
"""

from datetime import date

from django.core.exceptions import EmptyResultSet
from django.db import connections, models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from roadmap.fields import ChoiceArrayField, LineArrayField
from roadmap.scoring import StageReached
from throttling.tokens import token_hash
from vocabulary.choices import Component, Domain, Principle, R, Sector, Stage
from vocabulary.time import london_today  # noqa: F401 - used from here by views, admin

# The sectors the roadmap is written for (the sector view and the self-assessment).
ROADMAP_SECTORS = [Sector.LOCAL_AUTHORITY, Sector.MET_POLICE, Sector.NHS, Sector.VCS]


class PhaseStatus(models.TextChoices):
    """Where a phase stands on a given day; computed from its dates, never stored."""

    DONE = "done", "Done"
    IN_PROGRESS = "in_progress", "In progress"
    NEXT = "next", "Next"
    # Without dates, from its milestones (no source gives the phases' dates).
    REPORTED = "reported", "Reported as done"
    PARTLY_REPORTED = "partly_reported", "Some milestones reported"
    PLANNED = "planned", "Planned"


class MilestoneStatus(models.TextChoices):
    """Whether a source gives a milestone as a plan or reports it as done."""

    PLANNED = "planned", "Planned"
    REPORTED = "reported", "Reported"


class TextKey(models.TextChoices):
    """The editable page texts of the roadmap website."""

    ROADMAP_INTRO = "roadmap_intro", "Roadmap: introduction"
    JOURNEY_INTRO = "journey_intro", "Journey: introduction"
    DOMAINS_INTRO = "domains_intro", "Journey: why seven areas"
    SECTOR_VIEW_INTRO = "sector_view_intro", "Journey: sector view"
    SELF_ASSESSMENT_INTRO = "self_assessment_intro", "Self-assessment: start page"
    SELF_ASSESSMENT_RESULTS_INTRO = (
        "self_assessment_results_intro",
        "Self-assessment: results page",
    )
    SCORING_RULE = "scoring_rule", "Self-assessment: how stages are worked out"


class LinkTarget(models.TextChoices):
    """Pages of the site a phase can link to, by URL name."""

    JOURNEY = "roadmap:journey", "The journey"
    SELF_ASSESSMENT = "roadmap:self_assessment_start", "The self-assessment"
    SURVEY = "survey:start", "The survey"
    CASE_STUDIES = "casestudies:list", "The case studies"
    HOME = "pages:home", "The home page"


class RoadmapText(models.Model):
    """A block of page text, one paragraph per blank-line-separated block."""

    key = models.CharField(max_length=40, choices=TextKey.choices, unique=True)
    text = models.TextField(help_text="Leave a blank line between paragraphs.")
    loaded_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["key"]
        verbose_name = "page text"

    def __str__(self):
        return self.get_key_display()

    @classmethod
    def texts(cls) -> dict[str, str]:
        """Every page text by key, in one query; missing keys read as empty."""
        found = dict(cls.objects.values_list("key", "text"))
        return {key: found.get(key, "") for key in TextKey.values}


class Phase(models.Model):
    """One of the programme's four phases."""

    number = models.PositiveSmallIntegerField(unique=True)
    code = models.SlugField(max_length=40, unique=True)
    title = models.CharField(max_length=200)
    aim = models.TextField()
    outputs = LineArrayField(
        models.CharField(max_length=300),
        default=list,
        blank=True,
        help_text="What the phase produced, one per line.",
    )
    starts_on = models.DateField(
        null=True,
        blank=True,
        help_text="Only if a source gives it. Leave blank otherwise: the status "
        "then comes from the milestones.",
    )
    ends_on = models.DateField(
        null=True,
        blank=True,
        help_text="The last day of the phase, if a source gives it.",
    )
    sources = models.ManyToManyField(
        "sources.Source", blank=True, related_name="phases"
    )
    # The digest of the content as last loaded from roadmap/content/: the
    # loader's --update rewrites the phase only while it still matches.
    loaded_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="roadmap_phase_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def status(self, today: date) -> PhaseStatus:
        """From its dates on ``today`` (London) or, without them, its milestones."""
        if self.starts_on is None or self.ends_on is None:
            statuses = {m.status for m in self.milestones.all()}
            if statuses == {MilestoneStatus.REPORTED}:
                return PhaseStatus.REPORTED
            if MilestoneStatus.REPORTED in statuses:
                return PhaseStatus.PARTLY_REPORTED
            return PhaseStatus.PLANNED
        if today > self.ends_on:
            return PhaseStatus.DONE
        if today >= self.starts_on:
            return PhaseStatus.IN_PROGRESS
        return PhaseStatus.NEXT


class Milestone(models.Model):
    """A dated moment within a phase, such as the survey closing."""

    phase = models.ForeignKey(
        Phase, on_delete=models.CASCADE, related_name="milestones"
    )
    when = models.CharField(
        max_length=60, help_text="In words, for example “Late 2024”."
    )
    text = models.CharField(max_length=300)
    status = models.CharField(
        max_length=10,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.PLANNED,
        help_text="Reported only when a source says it happened.",
    )
    source = models.ForeignKey(
        "sources.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="milestones",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["phase", "order", "pk"]

    def __str__(self):
        return f"{self.when}: {self.text}"

    @property
    def is_reported(self) -> bool:
        """Whether a source reports it as done."""
        return self.status == MilestoneStatus.REPORTED


class PhaseLink(models.Model):
    """A link from a phase to a page of the site, or to a published report."""

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=120)
    target = models.CharField(
        "page of this site", max_length=60, choices=LinkTarget.choices, blank=True
    )
    external_url = models.URLField(
        "or another address",
        blank=True,
        help_text="For findings and reports published elsewhere (https://...).",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["phase", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(target="") & ~Q(external_url=""))
                | (~Q(target="") & Q(external_url="")),
                name="roadmap_phaselink_one_destination",
                violation_error_message="Choose a page of this site or enter "
                "another address, not both",
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def url(self) -> str:
        """The address, or "" while the page it names does not exist."""
        if self.external_url:
            return self.external_url
        try:
            return reverse(self.target)
        except NoReverseMatch:
            return ""


class StageDescription(models.Model):
    """What one stage of the journey means for an organisation."""

    stage = models.CharField(max_length=20, choices=Stage.choices, unique=True)
    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=100)
    summary = models.TextField()
    practice_levels = models.TextField(
        help_text="Where the Scottish and Welsh practice levels fit at this stage."
    )

    class Meta:
        ordering = ["number"]
        verbose_name = "stage"

    def __str__(self):
        return self.title


class DomainDescription(models.Model):
    """One area of how an organisation works, and how it maps to SAMHSA's domains."""

    domain = models.CharField(max_length=40, choices=Domain.choices, unique=True)
    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=100)
    summary = models.TextField()
    why = models.TextField("Why it matters")
    samhsa_domains = LineArrayField(
        models.CharField(max_length=100),
        default=list,
        blank=True,
        verbose_name="SAMHSA domains",
        help_text="One per line.",
    )
    merged_from = models.TextField("How it maps to SAMHSA's domains")

    class Meta:
        ordering = ["number"]
        verbose_name = "domain"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("roadmap:domain", args=[self.slug])

    @property
    def slug(self) -> str:
        """The code with hyphens, for the address."""
        return self.domain.replace("_", "-")


class DomainStageQuerySet(models.QuerySet):
    """Framework cells."""

    def with_actions(self):
        """Cells with their actions, in two queries."""
        return self.prefetch_related("actions")


class DomainStage(models.Model):
    """One cell of the framework: a stage within a domain."""

    domain = models.CharField(max_length=40, choices=Domain.choices)
    stage = models.CharField(max_length=20, choices=Stage.choices)
    looks_like = models.TextField("What it looks like")
    rs = ChoiceArrayField(
        models.CharField(max_length=20, choices=R.choices),
        default=list,
        blank=True,
        verbose_name="4 Rs",
    )
    principles = ChoiceArrayField(
        models.CharField(max_length=30, choices=Principle.choices),
        default=list,
        blank=True,
    )
    components = ChoiceArrayField(
        models.CharField(max_length=40, choices=Component.choices),
        default=list,
        blank=True,
    )

    objects = DomainStageQuerySet.as_manager()

    class Meta:
        ordering = ["domain", "stage"]
        verbose_name = "framework cell"
        constraints = [
            models.UniqueConstraint(
                fields=["domain", "stage"], name="roadmap_domainstage_unique"
            ),
        ]

    def __str__(self):
        return f"{self.get_domain_display()}: {self.get_stage_display()}"


class Action(models.Model):
    """Something an organisation can do to move on from a stage in a domain."""

    domain_stage = models.ForeignKey(
        DomainStage, on_delete=models.CASCADE, related_name="actions"
    )
    text = models.TextField()
    sectors = ChoiceArrayField(
        models.CharField(max_length=30, choices=Sector.choices),
        default=list,
        blank=True,
        help_text="Leave empty if the action applies to every sector.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["domain_stage", "order", "pk"]

    def __str__(self):
        return self.text[:80]

    def applies_to(self, sector: str) -> bool:
        """True if the action is for everyone, or written for ``sector``."""
        return not self.sectors or not sector or sector in self.sectors

    def sector_labels(self) -> list[str]:
        """The names of the sectors the action is written for."""
        return [Sector(code).label for code in self.sectors]


class Statement(models.Model):
    """A self-assessment statement; a rating of it is evidence for one stage."""

    code = models.SlugField(
        max_length=40,
        unique=True,
        help_text="Saved answers refer to this code: never change or reuse it.",
    )
    domain = models.CharField(max_length=40, choices=Domain.choices)
    stage = models.CharField(max_length=20, choices=Stage.choices)
    text = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self):
        return f"{self.code}: {self.text}"


class SelfAssessmentQuerySet(models.QuerySet):
    """Self-assessment results."""

    def for_token(self, token: str):
        """The result a results link points to (at most one)."""
        return self.filter(token_digest=token_hash(token))

    def stage_counts(self) -> tuple[int, dict[str, dict[str, int]]]:
        """How many results, and how many reached each stage in each domain.

        One query, however many results there are: each stored profile is
        unnested once (``jsonb_each_text``) and grouped, which is about twice
        as fast as 28 conditional counts over the JSON.
        """
        total = 0
        counts = {
            domain: dict.fromkeys(StageReached.values, 0) for domain in Domain.values
        }
        try:
            sql, params = self.order_by().values("profile").query.sql_with_params()
        except EmptyResultSet:  # .none(), or a filter that can match nothing
            return total, counts
        query = (
            f"SELECT NULL, NULL, count(*) FROM ({sql}) r "  # noqa: S608 - Django's SQL
            f"UNION ALL SELECT e.key, e.value, count(*) FROM ({sql}) r "
            "CROSS JOIN LATERAL jsonb_each_text(r.profile) e GROUP BY e.key, e.value"
        )
        with connections[self.db].cursor() as cursor:
            cursor.execute(query, [*params, *params])
            for domain, reached, number in cursor.fetchall():
                if domain is None:
                    total = number
                elif reached in counts.get(domain, {}):
                    counts[domain][reached] = number
        return total, counts


class SelfAssessment(models.Model):
    """One anonymous self-assessment: a sector, the ratings and the stages reached.

    Nothing about the person or organisation is kept. The link's token is stored
    only as a SHA-256 digest, so the database alone cannot open a result.
    """

    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    sector = models.CharField(
        max_length=30, blank=True, choices=[(s.value, s.label) for s in ROADMAP_SECTORS]
    )
    answers = models.JSONField(
        default=dict, blank=True, help_text="Rating code by statement code."
    )
    profile = models.JSONField(
        default=dict,
        blank=True,
        help_text="Stage reached by domain code, worked out when submitted.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SelfAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "self-assessment result"
        constraints = [
            models.CheckConstraint(
                condition=Q(token_digest__regex=r"^[0-9a-f]{64}$"),  # noqa: S106
                name="roadmap_selfassessment_token_digest_is_sha256",
            ),
            models.CheckConstraint(
                condition=Q(sector__in=["", *ROADMAP_SECTORS]),
                name="roadmap_selfassessment_sector_valid",
            ),
        ]
        indexes = [models.Index(fields=["sector"])]

    def __str__(self):
        return f"Result of {self.created_at:%d %B %Y}" if self.created_at else "Result"
