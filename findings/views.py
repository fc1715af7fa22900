"""Public findings pages: they read only the frozen snapshot of a published release."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from findings import exports
from findings.models import FindingsRelease
from findings.page import release_context, section_context
from findings.report import report_for_release


def _published(wave_slug: str, *fields: str) -> FindingsRelease:
    release = (
        FindingsRelease.objects.published()
        .filter(wave__slug=wave_slug)
        .only("snapshot", "status", "wave__slug", "wave__opens_at", *fields)
        .select_related("wave")
        .first()
    )
    if release is None:
        raise Http404("No published findings for that wave")
    return release


def release_list(request):
    """Every published release, newest wave first, or a plain 'not yet'."""
    releases = [
        {"url": r.get_absolute_url(), "snapshot": r.snapshot}
        for r in FindingsRelease.objects.published()
        .select_related("wave")
        .only("snapshot", "wave__slug", "wave__opens_at")
    ]
    return render(request, "findings/list.html", {"releases": releases})


def release_detail(request, wave_slug):
    """One published release, from its snapshot only."""
    release = _published(wave_slug, "published_at")
    context = release_context(release.snapshot)
    context["release"] = release
    return render(request, "findings/detail.html", context)


def section_detail(request, wave_slug, section):
    """One section's charts and tables: the details behind the release page."""
    release = _published(wave_slug)
    context = section_context(release.snapshot, section)
    if context is None:
        raise Http404("That release has no such section")
    context["release"] = release
    return render(request, "findings/section.html", context)


def _attachment(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def release_csv(request, wave_slug):
    """The published figures as CSV, after a short metadata header."""
    release = _published(wave_slug)
    snapshot = release.snapshot
    response = _attachment(
        "", "text/csv; charset=utf-8", f"findings-{snapshot['wave']['slug']}.csv"
    )
    source = request.build_absolute_uri(release.get_absolute_url())
    exports.write_release(response, snapshot, source)
    return response


def chart_csv(request, wave_slug, chart):
    """One chart's figures as CSV, with the release's metadata and demo marking."""
    release = _published(wave_slug)
    found = exports.chart_rows(release.snapshot, chart)
    if found is None:
        raise Http404("That release has no such chart")
    response = _attachment(
        "", "text/csv; charset=utf-8", f"findings-{wave_slug}-{chart}.csv"
    )
    source = request.build_absolute_uri(release.get_absolute_url())
    exports.write_chart(response, release.snapshot, source, found)
    return response


def chart_svg(request, wave_slug, chart):
    """One chart as a standalone SVG file, demo marking and all."""
    release = _published(wave_slug)
    context = release_context(release.snapshot)
    context["standalone"] = True
    if chart == "agreement" and context["agreement"]:
        template = "findings/includes/diverging.html"
    elif chart == "self-assessment" and context["multiples"]:
        template = "findings/includes/multiples.html"
    else:
        tables = context["headline"] + [
            t for s in context["sections"] for t in s["tables"]
        ]
        table = next((t for t in tables if t["id"] == chart), None)
        if table is None:
            raise Http404("That release has no such chart")
        context["table"] = table
        template = "findings/includes/chart.html"
    svg = render_to_string(template, context)
    return _attachment(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + svg.strip(),
        "image/svg+xml",
        f"findings-{wave_slug}-{chart}.svg",
    )


def report_pdf(request, wave_slug):
    """The release as an A4 PDF report, built once per published snapshot."""
    release = _published(wave_slug, "published_at", "report_pdf", "report_for")
    source = request.build_absolute_uri(release.get_absolute_url())
    response = HttpResponse(
        report_for_release(release, source), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="findings-{wave_slug}.pdf"'
    return response
