"""The programme's phases, their milestones and links, and the roadmap's page texts."""

from datetime import date

from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from roadmap.fields import LineArrayField


class ReportedStatus(models.TextChoices):
    """Where a source reports a phase stands, for a phase without dates."""

    REPORTED_DONE = "reported_done", "Reported as done"
    OUTPUTS_REPORTED = "outputs_reported", "Outputs reported"
    UNDER_WAY = "under_way", "Reported under way"
    PLANNED = "planned", "Planned"
    # An honest state: no source says where the phase stands.
    NOT_PUBLISHED = "not_published", "Status not published"


class PhaseStatus(models.TextChoices):
    """Where a phase stands: from its dates on a day, or as a source reports it."""

    DONE = "done", "Done"
    IN_PROGRESS = "in_progress", "In progress"
    NEXT = "next", "Next"
    # Without dates (no source gives the phases' dates), what a source reports.
    REPORTED_DONE = (
        ReportedStatus.REPORTED_DONE.value,
        ReportedStatus.REPORTED_DONE.label,
    )
    OUTPUTS_REPORTED = (
        ReportedStatus.OUTPUTS_REPORTED.value,
        ReportedStatus.OUTPUTS_REPORTED.label,
    )
    UNDER_WAY = ReportedStatus.UNDER_WAY.value, ReportedStatus.UNDER_WAY.label
    PLANNED = ReportedStatus.PLANNED.value, ReportedStatus.PLANNED.label
    NOT_PUBLISHED = (
        ReportedStatus.NOT_PUBLISHED.value,
        ReportedStatus.NOT_PUBLISHED.label,
    )


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
    reported_status = models.CharField(
        max_length=20,
        choices=ReportedStatus.choices,
        default=ReportedStatus.NOT_PUBLISHED,
        help_text="Where a source reports the phase stands. Never Planned where a "
        "source reports it under way or done; Status not published where no "
        "source says.",
    )
    status_note = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the source says about where the phase stands, in its words "
        "where possible.",
    )
    status_source = models.ForeignKey(
        "sources.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="phase_statuses",
        help_text="The source that reports the status. Leave blank only for "
        "Status not published.",
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
            models.CheckConstraint(
                condition=Q(reported_status=ReportedStatus.NOT_PUBLISHED)
                | Q(status_source__isnull=False),
                name="roadmap_phase_status_has_source",
                violation_error_message="Name the source that reports the status, "
                "or choose Status not published",
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def status(self, today: date) -> PhaseStatus:
        """From its dates on ``today`` (London) or, without them, as reported."""
        if self.starts_on is None or self.ends_on is None:
            return PhaseStatus(self.reported_status)
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
