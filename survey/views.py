"""The survey flow: start, one page per section, check answers, submit, return.

Function views doing HTTP only; rules live in services.py and routing.py. The
browser is tied to its draft by the resume token kept in the session; the
database stores only the token's hash.
"""

from http import HTTPStatus

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from survey import services
from survey.forms import (
    ContactChoiceForm,
    EmailLinkForm,
    SectionForm,
    StartForm,
    SubmitForm,
    WithdrawForm,
)
from survey.models import Question, Response, Wave
from survey.routing import CONTACT_STEP_KEY, Step, steps_build

SESSION_KEY = "survey_tokens"


# ------------------------------------------------------------------------------
# Helpers for the views below
# ------------------------------------------------------------------------------
def _wave(slug: str) -> Wave:
    return get_object_or_404(
        Wave.objects.published().select_related("questionnaire"), slug=slug
    )


def _structure(wave: Wave) -> tuple[list[Step], list[Question]]:
    sections = list(wave.sections.all())
    questions = list(wave.questions.order_by("section__order", "order", "id"))
    return steps_build(sections, questions), questions


def _token(request, wave: Wave) -> str | None:
    return request.session.get(SESSION_KEY, {}).get(wave.slug)


def _remember(request, wave: Wave, token: str) -> None:
    tokens = dict(request.session.get(SESSION_KEY, {}))
    tokens[wave.slug] = token
    request.session[SESSION_KEY] = tokens


def _forget(request, wave: Wave) -> None:
    tokens = dict(request.session.get(SESSION_KEY, {}))
    tokens.pop(wave.slug, None)
    request.session[SESSION_KEY] = tokens


def _response(request, wave: Wave) -> Response | None:
    token = _token(request, wave)
    if not token:
        return None
    return Response.objects.with_token(token).filter(wave=wave).first()


def _client_ip(request) -> str:
    proxies = settings.SURVEY_TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _resume_link(request, token: str) -> str:
    return request.build_absolute_uri(reverse("survey:resume", args=[token]))


def _gone(request, wave: Wave, *, late_answers=None, status=HTTPStatus.OK):
    """The page for a wave that is not open: not yet, or closed."""
    template = (
        "survey/not_open.html"
        if wave.status() == Wave.Status.NOT_OPEN_YET
        else "survey/closed.html"
    )
    return render(
        request,
        template,
        {"wave": wave, "late_answers": late_answers},
        status=status,
    )


def _shown(steps: list[Step], answers: dict) -> list[Step]:
    return [step for step in steps if step.is_shown(answers)]


def _step_url(wave: Wave, step: Step, change: bool = False) -> str:
    if step.is_contact:
        url = reverse("survey:contact", args=[wave.slug])
    else:
        url = reverse("survey:step", args=[wave.slug, step.key])
    return url + ("?change=1" if change else "")


def _next_url(wave: Wave, steps: list[Step], step: Step, answers: dict, change: bool):
    position = next(i for i, s in enumerate(steps) if s.key == step.key)
    following = next((s for s in steps[position + 1 :] if s.is_shown(answers)), None)
    if following and (not change or following.section == step.section):
        # In change mode, a follow-on page of the same section (now routed in)
        # comes before returning to check answers.
        return _step_url(wave, following, change)
    return reverse("survey:check", args=[wave.slug])


def _back_url(wave: Wave, steps: list[Step], step: Step, answers: dict, change: bool):
    if change:
        return reverse("survey:check", args=[wave.slug])
    shown = _shown(steps, answers)
    keys = [s.key for s in shown]
    position = keys.index(step.key) if step.key in keys else 0
    if position <= 0:
        return reverse("survey:wave_start", args=[wave.slug])
    return _step_url(wave, shown[position - 1])


def _resume_url(wave: Wave, response: Response) -> str:
    steps, _ = _structure(wave)
    shown = _shown(steps, response.answers)
    keys = [s.key for s in shown]
    if response.last_step in keys:
        position = keys.index(response.last_step) + 1
        if position >= len(shown):
            return reverse("survey:check", args=[wave.slug])
        return _step_url(wave, shown[position])
    return _step_url(wave, shown[0])


# ------------------------------------------------------------------------------
# Start
# ------------------------------------------------------------------------------
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
    wave = _wave(wave_slug)
    if not wave.is_open():
        return _gone(request, wave)
    response = _response(request, wave)
    return render(
        request,
        "survey/start.html",
        {
            "wave": wave,
            "blocks": wave.questionnaire.start_page,
            "response": response,
            "form": StartForm(),
            "continue_url": _resume_url(wave, response)
            if response and not response.is_submitted
            else "",
        },
    )


@require_POST
def begin(request, wave_slug):
    """Start a draft (within the rate limits) and open the first page."""
    wave = _wave(wave_slug)
    if not wave.is_open():
        return _gone(request, wave, status=HTTPStatus.FORBIDDEN)
    form = StartForm(request.POST)
    if form.is_spam:
        return render(request, "survey/refused.html", status=HTTPStatus.BAD_REQUEST)
    existing = _response(request, wave)
    if existing and not existing.is_submitted and "new" not in request.POST:
        return redirect(_resume_url(wave, existing))
    if not request.session.session_key:
        request.session.create()
    limited = services.rate_limit_hit(
        key=f"session:{request.session.session_key}",
        limit=settings.SURVEY_STARTS_PER_SESSION_PER_HOUR,
    ) or services.rate_limit_hit(
        key=services.client_key(_client_ip(request)),
        limit=settings.SURVEY_STARTS_PER_IP_PER_HOUR,
    )
    if limited:
        return render(
            request,
            "survey/rate_limited.html",
            {"wave": wave},
            status=HTTPStatus.TOO_MANY_REQUESTS,
        )
    _response_started, token = services.response_start(wave=wave)
    _remember(request, wave, token)
    steps, _ = _structure(wave)
    return redirect(_step_url(wave, steps[0]))


# ------------------------------------------------------------------------------
# Question pages
# ------------------------------------------------------------------------------
@never_cache
def step(request, wave_slug, step_key):
    """One page of questions; Continue saves the answers to the draft."""
    wave = _wave(wave_slug)
    response = _response(request, wave)
    if response is None:
        if not wave.is_open():
            return _gone(request, wave)
        return redirect("survey:wave_start", wave_slug=wave.slug)
    if response.is_submitted:
        return redirect("survey:confirmation", wave_slug=wave.slug)
    steps, questions = _structure(wave)
    page = next((s for s in steps if s.key == step_key and not s.is_contact), None)
    if page is None:
        raise Http404("No such page in this survey.")
    answers = response.answers
    change = request.GET.get("change") == "1"
    if not page.is_shown(answers):
        return redirect(_next_url(wave, steps, page, answers, change))
    page_questions = page.shown_questions(answers)
    if request.method == "POST":
        form = SectionForm(request.POST, questions=page_questions)
        valid = form.is_valid()
        if valid or not wave.is_open():
            try:
                response = services.response_save_answers(
                    response=response,
                    page_answers=form.valid_answers(),
                    page_keys=[
                        k for q in page_questions for k in (q.code, q.other_key)
                    ],
                    step_key=page.key,
                    questions=questions,
                )
            except services.WaveClosedError:
                return _gone(
                    request,
                    wave,
                    late_answers=_late_answers(page_questions, form.valid_answers()),
                    status=HTTPStatus.FORBIDDEN,
                )
            if request.POST.get("action") == "save":
                return redirect("survey:save", wave_slug=wave.slug)
            return redirect(_next_url(wave, steps, page, response.answers, change))
    else:
        if not wave.is_open():
            return _gone(request, wave)
        form = SectionForm(
            initial=SectionForm.initial_from(page_questions, answers),
            questions=page_questions,
        )
    return render(
        request,
        "survey/step.html",
        {
            "wave": wave,
            "page": page,
            "form": form,
            "total_sections": steps[-1].number,
            "back_url": _back_url(wave, steps, page, answers, change),
            "change": change,
        },
    )


def _page_keys(page_questions: list[Question]) -> list[str]:
    return [key for q in page_questions for key in (q.code, q.other_key)]


def _late_answers(page_questions: list[Question], answers: dict) -> list[tuple]:
    """What was typed on a page refused after the close, to show it back."""
    shown = []
    for question in page_questions:
        value = answers.get(question.code)
        if value in (None, "", []):
            continue
        if question.type in (Question.Type.SHORT_TEXT, Question.Type.LONG_TEXT):
            shown.append((question.text, value))
        elif isinstance(value, list):
            shown.append((question.text, ", ".join(map(question.label_for, value))))
        else:
            shown.append((question.text, question.label_for(str(value))))
    return shown


@never_cache
def contact(request, wave_slug):
    """The separate opt-in to be contacted about a case study."""
    wave = _wave(wave_slug)
    response = _response(request, wave)
    if response is None:
        return redirect("survey:wave_start", wave_slug=wave.slug)
    if response.is_submitted:
        return redirect("survey:confirmation", wave_slug=wave.slug)
    if not wave.is_open():
        return _gone(
            request,
            wave,
            status=HTTPStatus.FORBIDDEN if request.method == "POST" else HTTPStatus.OK,
        )
    steps, _ = _structure(wave)
    page = next(s for s in steps if s.key == CONTACT_STEP_KEY)
    change = request.GET.get("change") == "1"
    if not page.is_shown(response.answers):
        return redirect(_next_url(wave, steps, page, response.answers, change))
    existing = getattr(response, "contact_details", None)
    if request.method == "POST":
        form = ContactChoiceForm(request.POST)
        if form.is_valid():
            details = None
            if form.cleaned_data["contact"] == "yes":
                details = {
                    key: form.cleaned_data[key]
                    for key in ("name", "email", "phone", "role", "organisation")
                }
            services.contact_details_save(response=response, details=details)
            Response.objects.filter(pk=response.pk).update(last_step=page.key)
            return redirect(_next_url(wave, steps, page, response.answers, change))
    else:
        initial = {}
        if existing:
            initial = {
                "contact": "yes",
                "name": existing.name,
                "email": existing.email,
                "phone": existing.phone,
                "role": existing.role,
                "organisation": existing.organisation,
            }
        elif response.last_step and _passed(steps, response, page):
            initial = {"contact": "no"}
        form = ContactChoiceForm(initial=initial)
    return render(
        request,
        "survey/contact.html",
        {
            "wave": wave,
            "page": page,
            "form": form,
            "total_sections": steps[-1].number,
            "back_url": _back_url(wave, steps, page, response.answers, change),
            "change": change,
        },
    )


def _passed(steps: list[Step], response: Response, page: Step) -> bool:
    keys = [s.key for s in steps]
    return response.last_step in keys and keys.index(response.last_step) >= keys.index(
        page.key
    )


# ------------------------------------------------------------------------------
# Check answers, submit, confirmation
# ------------------------------------------------------------------------------
@never_cache
def check(request, wave_slug):
    """Every answer on one page, with Change links that come back here."""
    wave = _wave(wave_slug)
    response = _response(request, wave)
    if response is None:
        return redirect("survey:wave_start", wave_slug=wave.slug)
    if response.is_submitted:
        return redirect("survey:confirmation", wave_slug=wave.slug)
    if not wave.is_open():
        return _gone(request, wave)
    steps, _ = _structure(wave)
    answers = response.answers
    sections = []
    contact_details = getattr(response, "contact_details", None)
    for page in _shown(steps, answers):
        if not sections or sections[-1]["section"] != page.section:
            sections.append({"section": page.section, "rows": []})
        change_url = _step_url(wave, page, change=True)
        if page.is_contact:
            sections[-1]["rows"].append(
                {"contact": True, "details": contact_details, "change_url": change_url}
            )
            continue
        for question in page.shown_questions(answers):
            sections[-1]["rows"].append(
                {
                    "question": question,
                    "answer": _display_answer(question, answers),
                    "change_url": change_url,
                }
            )
    return render(
        request,
        "survey/check.html",
        {
            "wave": wave,
            "sections": sections,
            "form": SubmitForm(),
            "consent_missing": answers.get("consent") != "yes",
            "consent_url": _step_url(wave, steps[0], change=True),
        },
    )


def _display_answer(question: Question, answers: dict) -> dict:
    value = answers.get(question.code)
    if value in (None, "", []):
        return {"empty": True}
    if question.type in (Question.Type.SHORT_TEXT, Question.Type.LONG_TEXT):
        return {"text": value}
    if question.type == Question.Type.NUMBER:
        return {"text": str(value)}
    values = value if isinstance(value, list) else [value]
    labels = [question.label_for(str(v)) for v in values]
    if question.other_text and answers.get(question.other_key):
        labels = [
            f"Other: {answers[question.other_key]}" if v == "other" else label
            for v, label in zip(values, labels, strict=True)
        ]
    return {"labels": labels}


@require_POST
def submit(request, wave_slug):
    """Submit once; a repeat (double click, back, retry) shows the same result."""
    wave = _wave(wave_slug)
    if SubmitForm(request.POST).is_spam:
        return render(request, "survey/refused.html", status=HTTPStatus.BAD_REQUEST)
    response = _response(request, wave)
    if response is None:
        return redirect("survey:wave_start", wave_slug=wave.slug)
    try:
        services.response_submit(response=response)
    except services.WaveClosedError:
        return _gone(request, wave, status=HTTPStatus.FORBIDDEN)
    except services.ConsentMissingError:
        steps, _ = _structure(wave)
        return redirect(_step_url(wave, steps[0], change=True))
    return redirect("survey:confirmation", wave_slug=wave.slug)


@never_cache
def confirmation(request, wave_slug):
    """The reference number, what happens next, and how to withdraw."""
    wave = _wave(wave_slug)
    response = _response(request, wave)
    if response is None or not response.is_submitted:
        return redirect("survey:wave_start", wave_slug=wave.slug)
    token = _token(request, wave)
    return render(
        request,
        "survey/confirmation.html",
        {
            "wave": wave,
            "response": response,
            "withdraw_url": request.build_absolute_uri(
                reverse("survey:withdraw", args=[token])
            ),
            "has_contact": hasattr(response, "contact_details"),
        },
    )


# ------------------------------------------------------------------------------
# Save and return, withdraw
# ------------------------------------------------------------------------------
@never_cache
def save_and_return(request, wave_slug):
    """Show the resume link to copy, and offer to email it (address not kept)."""
    wave = _wave(wave_slug)
    response = _response(request, wave)
    token = _token(request, wave)
    if response is None or response.is_submitted:
        return redirect("survey:wave_start", wave_slug=wave.slug)
    link = _resume_link(request, token)
    sent_to = ""
    form = EmailLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not request.session.session_key:
            request.session.create()
        if services.rate_limit_hit(
            key=f"email:{request.session.session_key}",
            limit=settings.SURVEY_EMAILS_PER_SESSION_PER_HOUR,
        ):
            return render(
                request,
                "survey/rate_limited.html",
                {"wave": wave, "emails": True},
                status=HTTPStatus.TOO_MANY_REQUESTS,
            )
        services.resume_link_email(
            wave=wave,
            email=form.cleaned_data["email"],
            link=settings.SITE_URL.rstrip("/") + reverse("survey:resume", args=[token]),
        )
        sent_to = form.cleaned_data["email"]
        form = EmailLinkForm()
    return render(
        request,
        "survey/save.html",
        {
            "wave": wave,
            "link": link,
            "form": form,
            "sent_to": sent_to,
            "continue_url": _resume_url(wave, response),
        },
    )


@never_cache
def resume(request, token):
    """Reopen a draft from its link, on any device, until the wave closes."""
    response = (
        Response.objects.with_token(token)
        .select_related("wave", "wave__questionnaire")
        .first()
    )
    if response is None or not response.wave.is_published:
        return render(
            request, "survey/resume_invalid.html", status=HTTPStatus.NOT_FOUND
        )
    wave = response.wave
    if response.is_submitted:
        _remember(request, wave, token)
        return redirect("survey:confirmation", wave_slug=wave.slug)
    if not wave.is_open():
        return _gone(request, wave)
    _remember(request, wave, token)
    return redirect(_resume_url(wave, response))


@never_cache
def withdraw(request, token):
    """Delete a submitted response once the respondent confirms its reference."""
    response = (
        Response.objects.with_token(token).select_related("wave").submitted().first()
    )
    if response is None:
        return render(
            request, "survey/resume_invalid.html", status=HTTPStatus.NOT_FOUND
        )
    form = WithdrawForm(request.POST or None, expected_reference=response.reference)
    if request.method == "POST" and form.is_valid():
        services.response_withdraw(response=response)
        _forget(request, response.wave)
        return redirect("survey:withdrawn")
    return render(
        request, "survey/withdraw.html", {"form": form, "wave": response.wave}
    )


def withdrawn(request):
    """Confirm that the answers were deleted."""
    return render(request, "survey/withdrawn.html")
