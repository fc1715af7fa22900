"""The journey framework: stages, areas, their cells, actions and statements."""

from django.db import models
from django.urls import reverse

from roadmap.fields import ChoiceArrayField, LineArrayField
from vocabulary.choices import Component, Domain, Principle, R, Sector, Stage

# The sectors the roadmap is written for (the sector view and the self-assessment).
ROADMAP_SECTORS = [Sector.LOCAL_AUTHORITY, Sector.MET_POLICE, Sector.NHS, Sector.VCS]


class StageDescription(models.Model):
    """What one stage of the journey means for an organisation."""

    stage = models.CharField(max_length=20, choices=Stage.choices, unique=True)
    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=100)
    summary = models.TextField()
    practice_levels = models.TextField(
        help_text="Where the levels of individual practice (Scotland's framework, "
        "as the UK policing briefing gives it) fit at this stage."
    )
    # The digest of the content as last loaded from roadmap/content/: the
    # loader's --update rewrites the stage only while it still matches.
    loaded_hash = models.CharField(max_length=64, blank=True, editable=False)

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
    # As for stages: --update rewrites the area only while it still matches.
    loaded_hash = models.CharField(max_length=64, blank=True, editable=False)

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
