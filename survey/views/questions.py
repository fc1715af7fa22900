"""Question pages: one per section (or follow-on part), and the contact opt-in."""

from http import HTTPStatus

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from survey import services
from survey.forms import (
    ContactChoiceForm,
    SectionForm,
)
from survey.models import Question, Response
from survey.routing import CONTACT_STEP_KEY, Step, path_of
from survey.views.flow import (
    back_url,
    draft_required,
    next_url,
    not_open_page,
    wave_steps,
)


@never_cache
@draft_required
def step(request, wave, response, step_key):
    """One page of questions; Continue saves the answers to the draft."""
    steps, questions = wave_steps(wave)
    path = path_of(steps, response.answers)
    page = path.step(step_key)
    if page is None or page.is_contact:
        raise Http404("No such page in this survey.")
    change = request.GET.get("change") == "1"
    if not path.is_shown(page):
        return redirect(next_url(wave, path, page, change))
    page_questions = list(path.questions_on(page))
    saved_with_errors = False
    if request.method == "POST":
        form = SectionForm(request.POST, questions=page_questions)
        valid = form.is_valid()
        # The answers that passed are saved even when others on the page did not
        # (the others keep their stored value and are shown back with errors),
        # so "Save and come back later" never loses a page. A page with errors
        # is not marked as done: the resume link comes back to it.
        try:
            response = services.response_save_answers(
                response=response,
                page_answers=form.valid_answers(),
                page_keys=_page_keys(page_questions, errors=form.errors),
                step_key=page.key if valid else response.last_step,
                questions=questions,
            )
        except services.WaveClosedError:
            return not_open_page(
                request,
                wave,
                late_answers=_late_answers(page_questions, form.valid_answers()),
                status=HTTPStatus.FORBIDDEN,
            )
        if valid and request.POST.get("action") == "save":
            return redirect("survey:save", wave_slug=wave.slug)
        if valid:
            # The answers just saved may route pages in or out.
            after = path_of(steps, response.answers)
            return redirect(next_url(wave, after, page, change))
        saved_with_errors = request.POST.get("action") == "save"
    else:
        if not wave.is_open():
            return not_open_page(request, wave)
        form = SectionForm(
            initial=SectionForm.initial_from(page_questions, response.answers),
            questions=page_questions,
        )
    context = _page_context(wave, steps, path, page, form, change)
    context["saved_with_errors"] = saved_with_errors
    return render(request, "survey/step.html", context)


def _page_context(wave, steps, path, page, form, change) -> dict:
    """What a question page and the contact page both show."""
    return {
        "wave": wave,
        "page": page,
        "form": form,
        "total_sections": steps[-1].number,
        "back_url": back_url(wave, path, page, change),
        "change": change,
    }


def _page_keys(page_questions: list[Question], errors) -> list[str]:
    """The answer keys a post of the page replaces: not those with errors."""
    keys = []
    for question in page_questions:
        if question.code in errors:
            continue  # its "Other" text stays with the stored answer
        keys.append(question.code)
        if question.other_key not in errors:
            keys.append(question.other_key)
    return keys


def _late_answers(page_questions: list[Question], answers: dict) -> list[tuple]:
    """What was typed on a page refused after the close, to show it back."""
    shown = []
    for question in page_questions:
        lines = question.answer_text(answers)
        if lines:
            shown.append((question.text, ", ".join(lines)))
    return shown


@never_cache
@draft_required
def contact(request, wave, response):
    """The separate opt-in to be contacted about a case study."""
    if not wave.is_open():
        if request.method != "POST":
            return not_open_page(request, wave)
        # A contact page left open past the close: the draft's answers are kept,
        # but contact details for a response that cannot count are not.
        return not_open_page(
            request,
            wave,
            late_answers=[],
            contact_dropped=request.POST.get("contact") == "yes",
            status=HTTPStatus.FORBIDDEN,
        )
    steps, _ = wave_steps(wave)
    path = path_of(steps, response.answers)
    page = path.step(CONTACT_STEP_KEY)
    change = request.GET.get("change") == "1"
    if not path.is_shown(page):
        return redirect(next_url(wave, path, page, change))
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
            services.contact_details_save(
                response=response, details=details, step_key=page.key
            )
            return redirect(next_url(wave, path, page, change))
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
    context = _page_context(wave, steps, path, page, form, change)
    return render(request, "survey/contact.html", context)


def _passed(steps: list[Step], response: Response, page: Step) -> bool:
    keys = [s.key for s in steps]
    return response.last_step in keys and keys.index(response.last_step) >= keys.index(
        page.key
    )
