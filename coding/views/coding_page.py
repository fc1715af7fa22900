"""The coding page: one answer at a time, its codes as a checklist, a note, and
flagging a passage for redaction. Plain forms; coding.js adds keys."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from coding import services
from coding.answers import (
    AnswerFilter,
    answer_first,
    answer_neighbour,
    answers_of,
    codable_questions,
    progress,
    questions_in_scope,
)
from coding.forms import CodingForm, RedactionForm
from coding.models import Coding, Redaction
from survey.models import Question, Response
from vocabulary.choices import Sector

CODE = "coding.code_answers"


def _url(codebook, filters: AnswerFilter, question=None, pk=None) -> str:
    query = filters.as_query()
    if question is not None:
        query |= {"at": question.code, "response": str(pk)}
    base = reverse("admin:coding_codebook_code", args=[codebook.pk])
    return f"{base}?{urlencode(query)}" if query else base


def _answer(questions, request) -> tuple[Question, Response] | None:
    """The answer named in the query string, if it is one of this wave's."""
    code, pk = request.GET.get("at", ""), request.GET.get("response", "")
    question = next((q for q in questions if q.code == code), None)
    if question is None or not pk.isdigit():
        return None
    # The search columns are large and unused here.
    response = (
        answers_of(question)
        .defer("search_text", "search_vector")
        .filter(pk=int(pk))
        .first()
    )
    return (question, response) if response is not None else None


def respondent_role(response: Response, questions: dict[str, Question]) -> str:
    """The respondent's level (version 2) or job title (version 1), if given."""
    seniority = questions.get("seniority")
    if seniority is not None and response.answers.get("seniority"):
        return "; ".join(seniority.answer_text(response.answers))
    role = response.answers.get("job_role")
    return role if isinstance(role, str) else ""


def highlighted(text: str, redactions: list[Redaction]) -> list[tuple[str, bool]]:
    """The answer as (text, flagged) pieces, for marking flagged passages."""
    pieces, position = [], 0
    for redaction in sorted(redactions, key=lambda r: r.start):
        if redaction.start < position:
            continue
        pieces.append((text[position : redaction.start], False))
        pieces.append((text[redaction.start : redaction.end], True))
        position = redaction.end
    pieces.append((text[position:], False))
    return [piece for piece in pieces if piece[0]]


def coding_view(model_admin, request, object_id):
    """Code the answers of a codebook's wave, one at a time."""
    if not request.user.has_perm(CODE):
        raise PermissionDenied
    codebook = model_admin.codebook_or_404(request, object_id)
    wave = codebook.wave
    questions = codable_questions(wave)
    filters = AnswerFilter.from_query(request.GET)
    scope = questions_in_scope(questions, filters)
    codes = list(codebook.codes.select_related("parent"))
    user = request.user

    current = _answer(questions, request)
    if current is None and request.method == "GET":
        first = answer_first(scope, user, filters)
        if first is not None:
            return HttpResponseRedirect(_url(codebook, filters, *first))
    form = redaction_form = stale = None
    if current is not None:
        question, response = current
        if request.method == "POST":
            if request.POST.get("action") == "flag":
                redaction_form = RedactionForm(request.POST)
                if redaction_form.is_valid():
                    try:
                        services.redaction_flag(
                            response=response,
                            question=question,
                            passage=redaction_form.cleaned_data["passage"],
                            user=user,
                        )
                    except services.CodingRefused as refused:
                        redaction_form.add_error("passage", str(refused))
                    else:
                        messages.success(request, "Passage flagged for redaction.")
                        return HttpResponseRedirect(
                            _url(codebook, filters, question, response.pk)
                        )
            elif request.POST.get("action") == "unflag":
                redaction = Redaction.objects.filter(
                    pk=request.POST.get("redaction", "0")
                    if request.POST.get("redaction", "").isdigit()
                    else 0,
                    response=response,
                    question=question,
                ).first()
                if redaction is not None:
                    services.redaction_remove(redaction=redaction, user=user)
                    messages.success(request, "Redaction removed.")
                return HttpResponseRedirect(
                    _url(codebook, filters, question, response.pk)
                )
            else:
                form = CodingForm(request.POST, codes=codes)
                saved, stale = _save(form, question, response, user)
                if saved is not None:
                    return _after_save(
                        request, codebook, scope, filters, question, response, saved
                    )
    elif request.method == "POST":
        messages.error(
            request, "That answer is no longer in this wave. Nothing was saved."
        )
        return HttpResponseRedirect(_url(codebook, filters))

    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Code answers: {wave}",
        "opts": model_admin.opts,
        "codebook": codebook,
        "codes": codes,
        "questions": questions,
        "filters": filters,
        "sectors": Sector.choices,
        "progress": progress(wave, questions, user),
        "samples": codebook_samples(codebook, user),
    }
    if current is not None:
        question, response = current
        mine = (
            Coding.objects.filter(response=response, question=question, coder=user)
            .prefetch_related("codes")
            .first()
        )
        if form is None:
            form = CodingForm(
                initial={
                    "response": response.pk,
                    "question": question.code,
                    "version": mine.version if mine else 0,
                    "codes": [c.pk for c in mine.codes.all()] if mine else [],
                    "note": mine.note if mine else "",
                },
                codes=codes,
            )
        redactions = list(
            Redaction.objects.filter(response=response, question=question)
        )
        previous = answer_neighbour(scope, user, filters, question, response.pk, False)
        following = answer_neighbour(scope, user, filters, question, response.pk, True)
        by_code = {q.code: q for q in questions}
        context |= {
            "question": question,
            "response": response,
            "sector_label": dict(Sector.choices).get(response.sector, response.sector),
            "role": respondent_role(response, by_code),
            "pieces": highlighted(response.text, redactions),
            "redactions": redactions,
            "form": form,
            "checked": {str(v) for v in (form["codes"].value() or [])},
            "redaction_form": redaction_form
            or RedactionForm(
                initial={"response": response.pk, "question": question.code}
            ),
            "stale": stale,
            "mine": mine,
            "previous_url": previous and _url(codebook, filters, *previous),
            "next_url": following and _url(codebook, filters, *following),
            "action_url": _url(codebook, filters, question, response.pk),
        }
    return TemplateResponse(request, "admin/coding/code.html", context)


def _save(form, question, response, user):
    """Save a valid form; answer (coding, None) or (None, what is saved if stale)."""
    if not form.is_valid():
        return None, None
    data = form.cleaned_data
    if data["response"] != response.pk or data["question"] != question.code:
        form.add_error(None, "The form was for another answer. Nothing was saved.")
        return None, None
    try:
        coding = services.coding_save(
            response=response,
            question=question,
            coder=user,
            code_ids=data["codes"],
            note=data["note"],
            version=data["version"],
        )
    except services.StaleCoding as stale:
        form.add_error(None, str(stale))
        # Let the next save go through with what the coder now sees.
        form.data = form.data.copy()
        form.data["version"] = stale.current.version if stale.current else 0
        return None, stale.current
    except services.CodingRefused as refused:
        form.add_error("codes", str(refused))
        return None, None
    return coding, None


def _after_save(request, codebook, scope, filters, question, response, coding):
    names = ", ".join(code.name for code in coding.codes.all()) or "no codes"
    at = timezone.localtime(coding.updated_at).strftime("%H:%M:%S")
    messages.success(
        request,
        f"Saved {response.reference} ({question.code}): {names}. Saved at {at}.",
    )
    action = request.POST.get("action", "")
    if action in ("next", "previous"):
        target = answer_neighbour(
            scope, request.user, filters, question, response.pk, action == "next"
        )
        if target is not None:
            return HttpResponseRedirect(_url(codebook, filters, *target))
        if action == "next":
            messages.info(request, "That was the last answer for these filters.")
    return HttpResponseRedirect(_url(codebook, filters, question, response.pk))


def codebook_samples(codebook, user):
    """The double-coding samples of this wave that ``user`` is one of the coders of."""
    from coding.models import Sample

    return list(
        Sample.objects.filter(question__wave=codebook.wave, coders=user).select_related(
            "question"
        )
    )


def codebook_or_404(model_admin, request, object_id):
    """The codebook, if this user may see it."""
    codebook = model_admin.get_object(request, str(object_id))
    if codebook is None:
        raise Http404("No codebook has that id.")
    return codebook
