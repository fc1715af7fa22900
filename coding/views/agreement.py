"""Double coding: assign a sample, see agreement per code, settle disagreements."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from coding import services
from coding.agreement import cohen_kappa, krippendorff_alpha_nominal
from coding.answers import codable_questions
from coding.forms import UNKNOWN_CODE, SampleForm
from coding.models import Coding, Sample, Settlement
from survey.models import Response
from survey.redaction import text_masked

ASSIGN = "coding.assign_double_coding"
# Each disagreement is a form; a long list would make the page slow to use.
DISAGREEMENTS_PER_PAGE = 25
SETTLE = "coding.settle_coding"


def samples_view(model_admin, request, object_id):
    """The wave's double-coding samples, and the form to assign one."""
    if not request.user.has_perm(ASSIGN):
        raise PermissionDenied
    codebook = model_admin.codebook_or_404(request, object_id)
    questions = codable_questions(codebook.wave)
    form = SampleForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        question = next(q for q in questions if q.code == form.cleaned_data["question"])
        try:
            sample = services.sample_assign(
                question=question,
                percent=form.cleaned_data["percent"],
                seed=form.cleaned_data["seed"],
                coders=list(form.cleaned_data["coders"]),
                user=request.user,
            )
        except services.CodingRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                f"{sample.responses.count()} answers assigned to "
                f"{sample.coders.count()} coders for blind double coding.",
            )
            return HttpResponseRedirect(
                reverse("admin:coding_codebook_samples", args=[codebook.pk])
            )
    samples = (
        Sample.objects.filter(question__wave=codebook.wave)
        .select_related("question")
        .prefetch_related("coders")
    )
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Double coding: {codebook.wave}",
        "opts": model_admin.opts,
        "codebook": codebook,
        "form": form,
        "samples": samples,
    }
    return TemplateResponse(request, "admin/coding/samples.html", context)


def sample_codings(sample: Sample) -> dict[int, dict[int, set[int]]]:
    """{response pk: {coder id: code ids}} for the sample's coders."""
    coder_ids = list(sample.coders.values_list("pk", flat=True))
    codings = Coding.objects.filter(
        question=sample.question,
        response__in=sample.responses.all(),
        coder_id__in=coder_ids,
    )
    found: dict[int, dict[int, set[int]]] = {}
    for response_id, coder_id in codings.values_list("response_id", "coder_id"):
        found.setdefault(response_id, {})[coder_id] = set()
    for response_id, coder_id, code_id in Coding.codes.through.objects.filter(
        coding__in=codings
    ).values_list("coding__response_id", "coding__coder_id", "code_id"):
        found[response_id][coder_id].add(code_id)
    return found


def agreement_rows(codes, coder_ids: list[int], codings) -> list[dict]:
    """Per code: units coded by two coders or more, kappa (two coders) and alpha."""
    rows = []
    for code in codes:
        units = [
            {coder: int(code.pk in applied) for coder, applied in by_coder.items()}
            for by_coder in codings.values()
            if len(by_coder) >= 2
        ]
        kappa = None
        if len(coder_ids) == 2:
            both = [u for u in units if len(u) == 2]
            first, second = coder_ids
            kappa = cohen_kappa([u[first] for u in both], [u[second] for u in both])
        rows.append(
            {
                "code": code,
                "units": len(units),
                "kappa": kappa,
                "alpha": krippendorff_alpha_nominal(units),
                "agree": sum(len(set(u.values())) == 1 for u in units),
            }
        )
    return rows


def agreement_view(model_admin, request, object_id, sample_id):
    """Agreement per code for one sample, and the answers coders disagree on."""
    if not request.user.has_perm(ASSIGN):
        raise PermissionDenied
    codebook = model_admin.codebook_or_404(request, object_id)
    sample = (
        Sample.objects.filter(pk=sample_id, question__wave=codebook.wave)
        .select_related("question")
        .first()
    )
    if sample is None:
        raise Http404("No sample has that id.")
    codes = list(codebook.codes.all())
    coders = list(sample.coders.order_by("username"))
    codings = sample_codings(sample)
    if request.method == "POST":
        return _settle(request, codebook, sample, codes)
    disagreeing = [
        pk
        for pk, by_coder in sorted(codings.items())
        if len(by_coder) >= 2 and len({frozenset(v) for v in by_coder.values()}) > 1
    ]
    page = Paginator(disagreeing, DISAGREEMENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    disagreements = _disagreements(sample, list(page), codings, codes, coders)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Agreement: {sample}",
        "opts": model_admin.opts,
        "codebook": codebook,
        "sample": sample,
        "coders": coders,
        "rows": agreement_rows(codes, [c.pk for c in coders], codings),
        "coded_by_all": sum(len(v) == len(coders) for v in codings.values()),
        "size": sample.responses.count(),
        "disagreements": disagreements,
        "disagreement_count": len(disagreeing),
        "page": page,
        "codes": codes,
        "can_settle": request.user.has_perm(SETTLE),
    }
    return TemplateResponse(request, "admin/coding/agreement.html", context)


def _disagreements(sample, pks: list[int], codings, codes, coders) -> list[dict]:
    """One page of disagreements: each answer (masked) beside each coder's codes."""
    responses = Response.objects.in_bulk(pks)
    settled = {
        s.response_id: {c.pk for c in s.codes.all()}
        for s in Settlement.objects.filter(
            question=sample.question, response__in=pks
        ).prefetch_related("codes")
    }
    masks = _masks(sample, pks)
    names = {code.pk: code.name for code in codes}
    rows = []
    for pk in pks:
        by_coder = codings[pk]
        text = responses[pk].answers.get(sample.question.code, "")
        rows.append(
            {
                "response": responses[pk],
                "text": text_masked(text, masks.get(pk, [])),
                "coders": [
                    (coder, sorted(names[c] for c in by_coder.get(coder.pk, set())))
                    for coder in coders
                ],
                "agreed": set.intersection(*by_coder.values()),
                "settled": settled.get(pk),
            }
        )
    return rows


def _masks(sample: Sample, pks: list[int]) -> dict[int, list[tuple[int, int]]]:
    from coding.models import Redaction

    masks: dict[int, list[tuple[int, int]]] = {}
    for pk, start, end in Redaction.objects.filter(
        question=sample.question, response__in=pks
    ).values_list("response_id", "start", "end"):
        masks.setdefault(pk, []).append((start, end))
    return masks


def _settle(request, codebook, sample, codes):
    if not request.user.has_perm(SETTLE):
        raise PermissionDenied
    back = reverse("admin:coding_codebook_agreement", args=[codebook.pk, sample.pk])
    if request.POST.get("page", "").isdigit():
        back += f"?page={request.POST['page']}"
    pk = request.POST.get("response", "")
    response = sample.responses.filter(pk=int(pk)).first() if pk.isdigit() else None
    known = {str(code.pk) for code in codes}
    chosen = request.POST.getlist("codes")
    if response is None:
        messages.error(request, "That answer is not in this sample. Nothing was saved.")
    elif not set(chosen) <= known:
        messages.error(request, f"{UNKNOWN_CODE}. Nothing was saved.")
    else:
        services.settlement_save(
            response=response,
            question=sample.question,
            code_ids=[int(c) for c in chosen],
            user=request.user,
        )
        messages.success(request, f"Settled the coding of {response.reference}.")
    return HttpResponseRedirect(back)
