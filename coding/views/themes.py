"""Suggested themes: the uncoded answers of a question in groups, never applied."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.template.response import TemplateResponse

from coding.answers import AnswerFilter, answers_of, codable_questions
from coding.exports import redaction_spans
from coding.models import Coding
from coding.themes import themes_suggest
from survey.redaction import text_masked

CODE = "coding.code_answers"
# Enough for a question of any likely wave; the bench times 5,000.
LIMIT = 10_000


def themes_view(model_admin, request, object_id):
    """Group a question's uncoded answers (nobody's coding yet) by their words."""
    from coding.forms import ThemesForm

    if not request.user.has_perm(CODE):
        raise PermissionDenied
    codebook = model_admin.codebook_or_404(request, object_id)
    questions = codable_questions(codebook.wave)
    form = ThemesForm(request.GET or None, questions=questions)
    themes, total = None, 0
    if form.is_bound and form.is_valid():
        question = next(q for q in questions if q.code == form.cleaned_data["question"])
        # Answers nobody has coded for this question yet.
        responses = answers_of(question, None, AnswerFilter()).filter(
            ~Exists(Coding.objects.filter(response=OuterRef("pk"), question=question))
        )
        answers = list(responses.values_list("pk", "text")[:LIMIT])
        total = len(answers)
        masks = redaction_spans(responses.filter(redactions__isnull=False))
        texts = [
            text_masked(text, masks.get(pk, {}).get(question.code, []))
            for pk, text in answers
        ]
        themes = [
            {
                "terms": theme.terms,
                "size": theme.size,
                "examples": [texts[i] for i in theme.examples],
            }
            for theme in themes_suggest(texts, clusters=form.cleaned_data["clusters"])
        ]
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Suggest themes: {codebook.wave}",
        "opts": model_admin.opts,
        "codebook": codebook,
        "form": form,
        "themes": themes,
        "total": total,
    }
    return TemplateResponse(request, "admin/coding/themes.html", context)
