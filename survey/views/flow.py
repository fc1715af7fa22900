"""Shared by the survey views: the wave, its pages and this browser's draft.

The browser is tied to its draft by the resume token kept in the survey's
signed cookie (survey/respondent.py); the database stores only the token's hash.
"""

from functools import wraps
from http import HTTPStatus

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from survey.models import Question, Response, Wave
from survey.models.drafts import draft_with_wave
from survey.respondent import respondent
from survey.routing import RespondentPath, Step, path_of, steps_build

# Each process keeps every wave's compiled pages and questions, rebuilt when
# the wave's structure version (read with the wave) changes: every survey
# request would otherwise read and compile them again.
_compiled: dict[int, tuple[int, list[Step], list[Question]]] = {}


def wave_or_404(slug: str) -> Wave:
    """A published wave by slug, or 404."""
    return get_object_or_404(
        Wave.objects.published().select_related("questionnaire"),
        slug=slug,
    )


def wave_steps(wave: Wave) -> tuple[list[Step], list[Question]]:
    """A wave's possible pages, and its questions in order."""
    version = wave.structure_version
    compiled = _compiled.get(wave.pk)
    if compiled is None or compiled[0] != version:
        sections = list(wave.sections.all())
        questions = list(wave.questions.order_by("section__order", "order", "id"))
        compiled = (version, steps_build(sections, questions), questions)
        _compiled[wave.pk] = compiled
    # Copies of the lists: the pages and questions themselves are only read.
    return list(compiled[1]), list(compiled[2])


def browser_token(request, wave: Wave) -> str | None:
    """This browser's resume token for a wave, if any."""
    return respondent(request).token(wave.slug)


def wave_and_response(request, wave_slug: str) -> tuple[Wave, Response | None]:
    """The published wave (or 404) and this browser's response to it, if any.

    One query when the browser holds a token for the wave (every page of the
    survey after the start), instead of one for the wave and one for the draft.
    """
    token = respondent(request).token(wave_slug)
    if token:
        response = draft_with_wave(token, wave_slug)
        if response is not None:
            return response.wave, response
    return wave_or_404(wave_slug), None


def browser_response(request, wave: Wave) -> Response | None:
    """This browser's response to a wave, if any."""
    token = browser_token(request, wave)
    if not token:
        return None
    response = Response.objects.with_token(token).filter(wave=wave).first()
    if response is not None:
        response.wave = wave  # already read: no query for it again
    return response


def submitted_here(request, response: Response | None) -> bool:
    """True if this browser submitted the response (so may see its reference)."""
    return response is not None and respondent(request).submitted(
        response.wave.slug, response.resume_token_hash
    )


def already_submitted_page(request, wave: Wave, token: str):
    """For a browser that did not submit the response: no reference shown."""
    return render(
        request,
        "survey/already_submitted.html",
        {"wave": wave, "withdraw_url": reverse("survey:withdraw", args=[token])},
    )


def resume_link(request, token: str) -> str:
    """The absolute resume link for a token."""
    return request.build_absolute_uri(reverse("survey:resume", args=[token]))


def not_open_page(
    request,
    wave: Wave,
    *,
    late_answers: list | None = None,
    late_submit: bool = False,
    contact_dropped: bool = False,
    status=HTTPStatus.OK,
):
    """The page for a wave that is not open: not yet, or closed.

    ``late_answers`` (a list, possibly empty) says the post came from a page left
    open past the close and that the draft's answers were kept; the page then says
    until when, and whether contact details sent with it were dropped.
    """
    template = (
        "survey/not_open.html"
        if wave.status() == Wave.Status.NOT_OPEN_YET
        else "survey/closed.html"
    )
    return render(
        request,
        template,
        {
            "wave": wave,
            "late_answers": late_answers,
            "late_submit": late_submit,
            "contact_dropped": contact_dropped,
        },
        status=status,
    )


def step_url(wave: Wave, step: Step, change: bool = False) -> str:
    """The address of a page (with ?change=1 from check answers)."""
    if step.is_contact:
        url = reverse("survey:contact", args=[wave.slug])
    else:
        url = reverse("survey:step", args=[wave.slug, step.key])
    return url + ("?change=1" if change else "")


def next_url(wave: Wave, path: RespondentPath, step: Step, change: bool) -> str:
    """Where Continue goes from a page."""
    following = path.following(step)
    if following and (not change or following.section == step.section):
        # In change mode, a follow-on page of the same section (now routed in)
        # comes before returning to check answers.
        return step_url(wave, following, change)
    return reverse("survey:check", args=[wave.slug])


def back_url(wave: Wave, path: RespondentPath, step: Step, change: bool) -> str:
    """Where the Back link of a page goes."""
    if change:
        return reverse("survey:check", args=[wave.slug])
    previous = path.previous(step)
    if previous is None:
        return reverse("survey:wave_start", args=[wave.slug])
    return step_url(wave, previous)


def resume_url(wave: Wave, response: Response) -> str:
    """The page after the last one saved (or check answers)."""
    steps, _ = wave_steps(wave)
    following = path_of(steps, response.answers).after(response.last_step)
    if following is None:
        return reverse("survey:check", args=[wave.slug])
    return step_url(wave, following)


def draft_required(view):
    """Run a survey page with its wave and this browser's draft, or send it away.

    Without a draft: the start page (or, once the wave has closed, the page
    saying so). With a submitted response: the confirmation. The view is
    called as ``view(request, wave, response, *args)``.
    """

    @wraps(view)
    def guarded(request, wave_slug, *args, **kwargs):
        wave, response = wave_and_response(request, wave_slug)
        if response is None:
            if not wave.is_open():
                return not_open_page(request, wave)
            return redirect("survey:wave_start", wave_slug=wave.slug)
        if response.is_submitted:
            return redirect("survey:confirmation", wave_slug=wave.slug)
        return view(request, wave, response, *args, **kwargs)

    return guarded
