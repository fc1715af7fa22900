"""Starting the survey: the way in, the start page and a new draft."""

from http import HTTPStatus

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from sources.models import Citations
from survey import services
from survey.forms import (
    StartForm,
)
from survey.models import VIA, Collector, Wave
from survey.respondent import respondent
from survey.views.flow import (
    browser_response,
    not_open_page,
    resume_url,
    step_url,
    submitted_here,
    wave_or_404,
    wave_steps,
)
from throttling.services import (
    client_ip,
    client_key,
    rate_limit_refused,
)

# What the start page's "Why we are asking" rests on: the research partner and
# aim (the VRU's research page) and the survey's purpose (the VRU's briefing).
START_PAGE_SOURCES = (
    "vru-trauma-informed-research",
    "vru-trauma-informed-practice-briefing",
)


def start(request):
    """Lead to the open wave, or say when the survey is not open."""
    waves = list(Wave.objects.open())
    if len(waves) == 1:
        return redirect("survey:wave_start", wave_slug=waves[0].slug)
    if waves:
        return render(request, "survey/choose_wave.html", {"waves": waves})
    latest = Wave.objects.published().first()
    if latest:
        return redirect("survey:wave_start", wave_slug=latest.slug)
    return render(request, "survey/no_wave.html")


@never_cache
def wave_start(request, wave_slug):
    """The start page: what the survey is, why, how long, who sees, support."""
    wave = wave_or_404(wave_slug)
    if not wave.is_open():
        return not_open_page(request, wave)
    response = browser_response(request, wave)
    via = request.GET.get(VIA, "")
    collector = Collector.objects.usable(wave, via).first() if via else None
    return render(
        request,
        "survey/start.html",
        {
            "wave": wave,
            "collector": collector,
            "blocks": wave.questionnaire.start_page,
            "citations": Citations.for_codes(START_PAGE_SOURCES),
            "response": response,
            "submitted_here": submitted_here(request, response),
            "form": StartForm(),
            "continue_url": resume_url(wave, response)
            if response and not response.is_submitted
            else "",
        },
    )


def begin(request, wave_slug):
    """Start a draft (within the rate limits) and open the first page."""
    wave = wave_or_404(wave_slug)
    if request.method != "POST":
        # A reloaded or bookmarked form address: back to the page with the button.
        return redirect("survey:wave_start", wave_slug=wave.slug)
    if not wave.is_open():
        return not_open_page(request, wave, status=HTTPStatus.FORBIDDEN)
    form = StartForm(request.POST)
    if form.is_spam:
        return render(request, "survey/refused.html", status=HTTPStatus.BAD_REQUEST)
    existing = browser_response(request, wave)
    if existing and not existing.is_submitted and "new" not in request.POST:
        return redirect(resume_url(wave, existing))
    steps, _ = wave_steps(wave)
    if not steps:
        raise Http404("This wave has no questions yet.")
    browser = respondent(request)
    limited = rate_limit_refused(
        (
            f"browser:{browser.browser_key()}",
            settings.SURVEY_STARTS_PER_SESSION_PER_HOUR,
        ),
        (client_key(client_ip(request)), settings.SURVEY_STARTS_PER_IP_PER_HOUR),
    )
    if limited:
        refused = render(
            request,
            "survey/rate_limited.html",
            {"wave": wave},
            status=HTTPStatus.TOO_MANY_REQUESTS,
        )
        refused["Retry-After"] = str(limited)
        return refused
    _response_started, token = services.response_start(
        wave=wave, via=request.POST.get(VIA, "")
    )
    browser.remember(wave.slug, token)
    return redirect(step_url(wave, steps[0]))
