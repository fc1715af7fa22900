"""Views for the roadmap: phases, the journey, the sector view and the self-assessment.

Every page runs a fixed number of queries: content is fetched once per model and
joined in Python (roadmap.journey).
"""

from http import HTTPStatus

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from roadmap import scoring, services
from roadmap.charts import stage_chart
from roadmap.forms import SectorForm, SelfAssessmentForm
from roadmap.journey import (
    COMPARISON_MINIMUM,
    assessment_results,
    framework,
    published_case_studies,
    sector_comparison,
)
from roadmap.models import (
    DomainDescription,
    Phase,
    PhaseStatus,
    RoadmapText,
    SelfAssessment,
    StageDescription,
    Statement,
    london_today,
)
from throttling.services import client_ip
from vocabulary.choices import Domain, Sector


def index(request):
    """The four phases, each with its status on today's date in London."""
    today = london_today()
    phases = Phase.objects.prefetch_related("milestones", "links")
    rows = [(phase, phase.status(today)) for phase in phases]
    current = next((p for p, s in rows if s == PhaseStatus.IN_PROGRESS), None)
    return render(
        request,
        "roadmap/index.html",
        {
            "texts": RoadmapText.texts(),
            "rows": rows,
            "current": current,
            "all_done": bool(rows) and all(s == PhaseStatus.DONE for _, s in rows),
            "statuses": PhaseStatus,
        },
    )


def journey(request):
    """The framework for every domain, filtered by sector when one is chosen."""
    sector_form = SectorForm(request.GET if "sector" in request.GET else None)
    sector = sector_form.chosen_sector()
    stages = list(StageDescription.objects.all())
    return render(
        request,
        "roadmap/journey.html",
        {
            "texts": RoadmapText.texts(),
            "stages": stages,
            "domains": framework(
                sector=sector, case_studies=published_case_studies(), stages=stages
            ),
            "sector_form": sector_form,
            "sector": Sector(sector) if sector else None,
        },
    )


def domain(request, slug):
    """One domain: why it matters, how it maps to SAMHSA, and its three stages."""
    code = slug.replace("-", "_")
    if code not in Domain.values or slug != code.replace("_", "-"):
        raise Http404("No such domain")
    sector_form = SectorForm(request.GET if "sector" in request.GET else None)
    sector = sector_form.chosen_sector()
    domains = framework(
        sector=sector, domain=code, case_studies=published_case_studies()
    )
    if not domains:
        raise Http404("No such domain")
    return render(
        request,
        "roadmap/domain.html",
        {
            "domain": domains[0],
            "sector_form": sector_form,
            "sector": Sector(sector) if sector else None,
        },
    )


def self_assessment_start(request):
    """What the self-assessment is, how it is scored and what is kept."""
    return render(
        request,
        "roadmap/self_assessment_start.html",
        {
            "texts": RoadmapText.texts(),
            "statement_count": Statement.objects.count(),
            "minimum": COMPARISON_MINIMUM,
        },
    )


@require_http_methods(["GET", "POST"])
def self_assessment_questions(request):
    """Rate the statements; a valid form saves an anonymous result and shows it.

    Saving is refused when the hidden honeypot field is filled in, and limited
    per IP address, so a script can neither flood the sector figures nor unlock
    the comparison cheaply.
    """
    statements = list(Statement.objects.all())
    if not statements:
        raise Http404("The self-assessment has no statements yet")
    form = SelfAssessmentForm(
        request.POST if request.method == "POST" else None, statements=statements
    )
    if request.method == "POST" and form.is_spam:
        return render(
            request,
            "roadmap/self_assessment_refused.html",
            status=HTTPStatus.BAD_REQUEST,
        )
    if request.method == "POST" and form.is_valid():
        if services.self_assessment_rate_limited(ip_address=client_ip(request)):
            refused = render(
                request,
                "roadmap/self_assessment_rate_limited.html",
                {"limit": services.SELF_ASSESSMENTS_PER_IP_PER_HOUR},
                status=HTTPStatus.TOO_MANY_REQUESTS,
            )
            refused["Retry-After"] = str(
                services.self_assessment_retry_after(ip_address=client_ip(request))
            )
            return refused
        _, token = services.self_assessment_create(
            sector=form.cleaned_data["sector"],
            answers=form.answers(),
            statements=statements,
        )
        return redirect("roadmap:self_assessment_results", token=token)
    return render(
        request,
        "roadmap/self_assessment_questions.html",
        {
            "form": form,
            "sections": form.sections(list(DomainDescription.objects.all())),
            "ratings": scoring.Rating,
        },
    )


@never_cache
def self_assessment_results(request, token):
    """A result, opened by its unguessable link: stages, next steps, comparison."""
    assessment = SelfAssessment.objects.for_token(token).first()
    if assessment is None:
        raise Http404("No result at this address")
    results = assessment_results(
        assessment,
        statements=list(Statement.objects.all()),
        case_studies=published_case_studies(),
    )
    sector = assessment.sector
    response = render(
        request,
        "roadmap/self_assessment_results.html",
        {
            "assessment": assessment,
            "sector": Sector(sector) if sector else None,
            "texts": RoadmapText.texts(),
            "results": results,
            "chart": stage_chart([(r.domain.domain.title, r.reached) for r in results]),
            "comparison": sector_comparison(assessment, results),
            "minimum": COMPARISON_MINIMUM,
            "share_url": request.build_absolute_uri(),
            "stages_reached": scoring.StageReached,
        },
    )
    # The address is the key to the result: keep it out of Referer headers and
    # search engines.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
