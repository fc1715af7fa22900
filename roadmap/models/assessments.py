"""Saved self-assessment results, reopened by their secret link."""

from django.core.exceptions import EmptyResultSet
from django.db import connections, models
from django.db.models import Q

from roadmap.models.framework import ROADMAP_SECTORS
from roadmap.scoring import StageReached
from throttling.tokens import token_hash
from vocabulary.choices import Domain


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
