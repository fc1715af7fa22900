"""Public pages of the case-study library, and the staff preview."""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from casestudies.forms import CaseStudyFilterForm
from casestudies.models import CaseStudy

PAGE_SIZE = 10
RELATED_COUNT = 3


def case_study_list(request):
    """Published case studies, searched and filtered by the query string."""
    form = CaseStudyFilterForm(request.GET)
    query = form.query()
    selected = form.selected()
    matching = CaseStudy.objects.published().search(query)
    results = matching.filtered(**selected).summaries()
    # A search ranks by relevance; otherwise the strongest evidence comes first.
    if not query:
        results = results.evidence_first()
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "casestudies/list.html",
        {
            "form": form,
            "query": query,
            "page_obj": page,
            "case_studies": page.object_list,
            "page_range": page.paginator.get_elided_page_range(
                page.number, on_each_side=1, on_ends=1
            ),
            "facet_groups": form.facet_groups(matching.facet_counts(selected)),
            "selected_filters": form.selected_filters(request.GET),
            "is_filtered": bool(query or selected),
        },
    )


def case_study_detail(request, slug):
    """One published case study."""
    case_study = get_object_or_404(
        CaseStudy.objects.published().with_sources(), slug=slug
    )
    return _render_detail(request, case_study, preview=False)


def case_study_preview(request, slug):
    """Any case study, drafts included, as the public would see it (staff only)."""
    # The admin site's own test, so the preview asks for the whole admin sign-in
    # (password and one-time code), not only a staff flag on a half-signed session.
    if not admin.site.has_permission(request):
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if not request.user.has_perm("casestudies.view_casestudy"):
        raise PermissionDenied
    case_study = get_object_or_404(CaseStudy.objects.with_sources(), slug=slug)
    response = _render_detail(request, case_study, preview=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _render_detail(request, case_study, *, preview):
    return render(
        request,
        "casestudies/detail.html",
        {
            "case_study": case_study,
            "related": list(case_study.related(RELATED_COUNT)),
            "preview": preview,
        },
    )
