"""Views for the roadmap: phases, the journey, the sector view and the self-assessment.

Every page runs a fixed number of queries: content is fetched once per model and
joined in Python (roadmap.journey).
"""

from http import HTTPStatus

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from findings.baseline import (
    area_baselines,
    baseline_from,
    newest_release,
    station_baseline,
)
from roadmap import scoring, services
from roadmap.charts import stage_chart
from roadmap.forms import SectorForm, SelfAssessmentForm
from roadmap.journey import (
    COMPARISON_MINIMUM,
    CellView,
    assessment_results,
    framework,
    matching_case_studies,
    published_case_studies,
    sector_comparison,
)
from roadmap.journey_map import (
    SHADE_BANDS,
    STAGES_BY_SLUG,
    cells_by_key,
    draw_journey_map,
    result_marks,
    stage_slug,
    station_url,
)
from roadmap.models import (
    DomainDescription,
    DomainStage,
    Phase,
    PhaseStatus,
    RoadmapText,
    SelfAssessment,
    StageDescription,
    Statement,
)
from roadmap.timeline import timeline
from sources.models import Citations
from throttling.services import client_ip
from vocabulary.choices import Domain, Sector
from vocabulary.time import london_today


def index(request):
    """The four phases, each with its status on today's date in London."""
    today = london_today()
    phases = list(
        Phase.objects.select_related("status_source").prefetch_related(
            "milestones__source", "links", "sources"
        )
    )
    rows = [(phase, phase.status(today)) for phase in phases]
    cited = {s.pk: s for p in phases for s in p.sources.all()}
    cited |= {p.status_source.pk: p.status_source for p in phases if p.status_source}
    cited |= {
        m.source.pk: m.source for p in phases for m in p.milestones.all() if m.source
    }
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
            "citations": Citations(cited.values()),
            "timeline": timeline(phases, today),
            "today": today,
        },
    )


def journey(request):
    """The route map: seven lines through three stations, with a sector's counts."""
    sector_form = SectorForm(request.GET if "sector" in request.GET else None)
    sector = sector_form.chosen_sector()
    stages = list(StageDescription.objects.all())
    journey_map = draw_journey_map(
        domains=list(DomainDescription.objects.all()),
        stages=stages,
        cells=cells_by_key(DomainStage.objects.all()),
        sector=sector,
        case_studies=published_case_studies() if sector else None,
        spread=(
            SelfAssessment.objects.filter(sector=sector).stage_counts()
            if sector
            else None
        ),
        # The newest published survey figures shade the stations: one query.
        survey=area_baselines(),
    )
    return render(
        request,
        "roadmap/journey.html",
        {
            "shade_bands": SHADE_BANDS,
            "texts": RoadmapText.texts(),
            "stages": stages,
            "journey_map": journey_map,
            "sector_form": sector_form,
            "sector": Sector(sector) if sector else None,
            "minimum": COMPARISON_MINIMUM,
        },
    )


def station(request, slug, stage):
    """One station: a stage in an area, its actions, case studies and statements."""
    if stage not in STAGES_BY_SLUG:
        if stage in STAGES_BY_SLUG.values():
            # The stage's code ("informed") is an address people have typed.
            return redirect("roadmap:station", slug=slug, stage=stage_slug(stage))
        raise Http404("No such stage")
    domains = list(DomainDescription.objects.all())
    domain = next((d for d in domains if d.slug == slug), None)
    stages = list(StageDescription.objects.all())
    code = STAGES_BY_SLUG[stage]
    stage_description = next((s for s in stages if s.stage == code), None)
    if domain is None or stage_description is None:
        raise Http404("No such station")
    sector_form = SectorForm(request.GET if "sector" in request.GET else None)
    sector = sector_form.chosen_sector()
    # The published survey baseline (findings) rides along in the same query.
    cell = (
        DomainStage.objects.with_actions()
        .filter(domain=domain.domain, stage=code)
        .annotate(baseline_release=newest_release())
        .first()
    )
    cell_view = CellView(stage=stage_description, cell=cell)
    if cell is not None:
        cell_view.actions = [a for a in cell.actions.all() if a.applies_to(sector)]
        cell_view.case_studies = matching_case_studies(
            cell, published_case_studies(), sector=sector
        )
    position = stages.index(stage_description)
    neighbours = {
        "previous": stages[position - 1] if position > 0 else None,
        "next": stages[position + 1] if position + 1 < len(stages) else None,
    }
    return render(
        request,
        "roadmap/station.html",
        {
            "domain": domain,
            "line_length": len(domains),
            "cell_view": cell_view,
            "statements": Statement.objects.filter(domain=domain.domain, stage=code),
            "neighbours": {
                key: (s, station_url(domain.slug, s.stage, sector))
                for key, s in neighbours.items()
                if s is not None
            },
            "journey_map": draw_journey_map(
                domains=domains,
                stages=stages,
                cells={},
                marks={(domain.domain, code): "this"},
                links=False,
            ),
            "sector_form": sector_form,
            "sector": Sector(sector) if sector else None,
            "station_baseline": station_baseline(
                cell.baseline_release if cell is not None else None,
                domain.domain,
                sector,
            ),
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
    # The published survey baseline (findings) rides along in the same query.
    assessment = (
        SelfAssessment.objects.for_token(token)
        .annotate(baseline_release=newest_release())
        .first()
    )
    if assessment is None:
        raise Http404("No result at this address")
    results = assessment_results(
        assessment,
        statements=list(Statement.objects.all()),
        case_studies=published_case_studies(),
    )
    sector = assessment.sector
    marks, start_marks = result_marks(results)
    journey_map = draw_journey_map(
        domains=[r.domain.domain for r in results],
        stages=[c.stage for c in results[0].domain.cells] if results else [],
        cells={
            (r.domain.domain.domain, c.stage.stage): c.cell
            for r in results
            for c in r.domain.cells
            if c.cell is not None
        },
        sector=sector,
        marks=marks,
        start_marks=start_marks,
    )
    response = render(
        request,
        "roadmap/self_assessment_results.html",
        {
            "assessment": assessment,
            "sector": Sector(sector) if sector else None,
            "texts": RoadmapText.texts(),
            "results": results,
            "chart": stage_chart([(r.domain.domain.title, r.reached) for r in results]),
            "journey_map": journey_map,
            "here_rows": list(zip(results, journey_map.horizontal.lines, strict=True)),
            "comparison": sector_comparison(assessment, results),
            "baseline": baseline_from(assessment.baseline_release, sector),
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
