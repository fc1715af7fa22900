"""The A4 report of a release, made on the server from its snapshot with WeasyPrint.

Built once per published snapshot, on its first request, and stored with the
publishing time it was built for; publishing again (a new snapshot) makes the
next request build a new one, and unpublishing clears it.
"""

from django.template.loader import render_to_string

from findings.models import FindingsRelease
from findings.page import release_context


def report_html(snapshot: dict, source: str) -> str:
    """The report as HTML, for WeasyPrint."""
    context = release_context(snapshot)
    context["source"] = source
    return render_to_string("findings/report.html", context)


def report_build(snapshot: dict, source: str) -> bytes:
    """The report as PDF bytes."""
    # Imported here: WeasyPrint loads Pango on import, which only this needs.
    from weasyprint import HTML

    return HTML(string=report_html(snapshot, source)).write_pdf()


def report_for_release(release: FindingsRelease, source: str) -> bytes:
    """The stored report of the release's snapshot, built and stored if missing."""
    if release.report_pdf and release.report_for == release.published_at:
        return bytes(release.report_pdf)
    pdf = report_build(release.snapshot, source)
    # Stored only if the release still has the snapshot it was built from.
    FindingsRelease.objects.filter(
        pk=release.pk, published_at=release.published_at
    ).update(report_pdf=pdf, report_for=release.published_at)
    return pdf
