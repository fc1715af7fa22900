"""Check answers, submit once, and the confirmation page."""

from http import HTTPStatus

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from survey import services
from survey.forms import (
    SubmitForm,
)
from survey.models import FREE_TEXT_TYPES, Question, free_text_keys_of
from survey.respondent import respondent
from survey.views.flow import (
    already_submitted_page,
    browser_token,
    draft_required,
    not_open_page,
    shown_steps,
    step_url,
    submitted_here,
    wave_and_response,
    wave_steps,
)


@never_cache
@draft_required
def check(request, wave, response):
    """Every answer on one page, with Change links that come back here."""
    if not wave.is_open():
        return not_open_page(request, wave)
    steps, _ = wave_steps(wave)
    answers = response.answers
    sections = []
    contact_details = getattr(response, "contact_details", None)
    for page in shown_steps(steps, answers):
        if not sections or sections[-1]["section"] != page.section:
            sections.append({"section": page.section, "rows": []})
        change_url = step_url(wave, page, change=True)
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
            "consent_url": step_url(wave, steps[0], change=True),
        },
    )


def _display_answer(question: Question, answers: dict) -> dict:
    """The answer as check answers lays it out: free text kept whole."""
    lines = question.answer_text(answers)
    if not lines:
        return {"empty": True}
    if question.type in FREE_TEXT_TYPES or question.type == Question.Type.NUMBER:
        return {"text": lines[0]}
    return {"labels": lines}


def submit(request, wave_slug):
    """Submit once; a repeat (double click, back, retry) shows the same result."""
    wave, response = wave_and_response(request, wave_slug)
    if request.method != "POST":
        # A reloaded or bookmarked form address: back to check answers.
        return redirect("survey:check", wave_slug=wave.slug)
    if SubmitForm(request.POST).is_spam:
        return render(request, "survey/refused.html", status=HTTPStatus.BAD_REQUEST)
    if response is None:
        return redirect("survey:wave_start", wave_slug=wave.slug)
    # A repeat from the browser that submitted finds it marked already; a stale
    # tab elsewhere finds a submitted response and is not marked.
    submitting = not response.is_submitted
    steps, questions = wave_steps(wave)
    try:
        services.response_submit(
            response=response, text_keys=free_text_keys_of(questions)
        )
    except services.WaveClosedError:
        # A check-answers page left open past the close: the draft is kept.
        return not_open_page(
            request,
            wave,
            late_answers=[],
            late_submit=True,
            status=HTTPStatus.FORBIDDEN,
        )
    except services.ConsentMissingError:
        return redirect(step_url(wave, steps[0], change=True))
    if submitting:
        respondent(request).mark_submitted(wave.slug, response.resume_token_hash)
    return redirect("survey:confirmation", wave_slug=wave.slug)


@never_cache
def confirmation(request, wave_slug):
    """The reference number, what happens next, and how to withdraw."""
    wave, response = wave_and_response(request, wave_slug)
    if response is None or not response.is_submitted:
        return redirect("survey:wave_start", wave_slug=wave.slug)
    token = browser_token(request, wave)
    if not submitted_here(request, response):
        return already_submitted_page(request, wave, token)
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
