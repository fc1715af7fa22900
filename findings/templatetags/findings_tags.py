"""Filters for findings pages: how a hidden count and a change read."""

from django import template
from django.db.models import Count, Q

from findings.charts import STATUS_TEXT
from findings.models import FindingsRelease

register = template.Library()


@register.filter
def status_text(status: str) -> str:
    """'fewer than 10' or 'hidden', for a count that is not shown."""
    return STATUS_TEXT.get(status, "")


@register.filter
def agreeing_text(agreeing: dict | None) -> str:
    """The share agreeing as '62% (186)', or why it is not shown."""
    if not agreeing:
        return "not asked"
    if agreeing["count"] is None:
        return "not shown"
    if agreeing["percent"] is None:
        return f"{agreeing['count']:,}"
    return f"{agreeing['percent']}% ({agreeing['count']:,})"


@register.filter
def change_text(change: dict | None) -> str:
    """A change since the baseline in percentage points, or why there is none."""
    if not change:
        return "No earlier figure"
    if change["status"] != "comparable":
        if change.get("reason") == "wording":
            return "Not comparable: the question changed"
        return "Not comparable: too few answers"
    points = change["points"]
    if points == 0:
        return "No change"
    unit = "point" if abs(points) == 1 else "points"
    return f"{points:+d} percentage {unit}".replace("-", "\u2212")


@register.filter
def baseline_line(baseline: dict | None, domain_code: str) -> dict | None:
    """The published baseline sentence for one roadmap area, if there is one."""
    if not baseline:
        return None
    return baseline["areas"].get(domain_code)


@register.inclusion_tag("findings/includes/link.html")
def findings_link() -> dict:
    """A link to the findings that says what is there: real, demo only, or none.

    One query. While only demo releases are published, the link's own text
    says "demo", so it never reads as if London's findings exist.
    """
    published = FindingsRelease.objects.published().aggregate(
        real=Count("pk", filter=Q(is_demo=False)),
        demo=Count("pk", filter=Q(is_demo=True)),
    )
    if published["real"]:
        state = "real"
    elif published["demo"]:
        state = "demo"
    else:
        state = "none"
    return {"state": state}
