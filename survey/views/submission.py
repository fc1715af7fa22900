"""Check answers, submit once, and the confirmation page."""

from http import HTTPStatus
from typing import NamedTuple

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from survey import services
from survey.forms import (
    SubmitForm,
)
from survey.models import free_text_keys_of
from survey.respondent import respondent
from survey.routing import path_of
from survey.views.flow import (
    already_submitted_page,
    browser_token,
    draft_required,
    not_open_page,
    step_url,
    submitted_here,
    wave_and_response,
    wave_steps,
)


class AnswerRow(NamedTuple):
    """A row of the check-answers summary list, worked out for its partial."""

    key: str
    # The answer as lines: none is "Not answered", one is shown as it is
    # (free text kept whole), more are a list.
    lines: list[str]
    change_url: str
    # The Change link's visually hidden words, for screen readers.
    change_hidden: str


@never_cache
@draft_required
def check(request, wave, response):
    """Every answer on one page, with Change links that come back here."""
    if not wave.is_open():
        return not_open_page(request, wave)
    steps, _ = wave_steps(wave)
    answers = response.answers
    path = path_of(steps, answers)
    sections = []
    contact_details = getattr(response, "contact_details", None)
    for page in path.shown:
        if not sections or sections[-1]["section"] != page.section:
            sections.append(
                {"section": page.section, "title": page.section.title, "rows": []}
            )
        change_url = step_url(wave, page, change=True)
        if page.is_contact:
            sections[-1]["rows"].append(
                AnswerRow(
                    "Contact about a case study",
                    [_contact_answer(contact_details)],
                    change_url,
                    "whether we can contact you",
                )
            )
            continue
        for question in path.questions_on(page):
            sections[-1]["rows"].append(
                AnswerRow(
                    question.text,
                    question.answer_text(answers),
                    change_url,
                    f"your answer to: {question.text}",
                )
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


def _contact_answer(details) -> str:
    """The contact row's answer: the details given, or No."""
    if details is None:
        return "No"
    parts = [details.name, details.email] + ([details.phone] if details.phone else [])
    return "Yes: " + ", ".join(parts)


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
