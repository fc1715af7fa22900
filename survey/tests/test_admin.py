"""Staff can edit waves, sections and questions in the admin."""

import datetime as dt
import json
from http import HTTPStatus

import lxml.html
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from survey.models import Question, Wave
from survey.questionnaire import NEXT_WAVE_DEFINITION
from survey.tests.factories import submitted, wave_with_questionnaire

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_login):
    user = get_user_model().objects.create_superuser("staff", "s@example.org", "pw")
    return staff_login(client, user)


def test_wave_list_and_change_pages_load(staff_client, open_wave):
    response = staff_client.get(reverse("admin:survey_wave_changelist"))
    assert response.status_code == HTTPStatus.OK
    assert "Open wave" in response.content.decode()
    response = staff_client.get(
        reverse("admin:survey_wave_change", args=[open_wave.pk])
    )
    assert "Dates (London time)" in response.content.decode()


def test_section_page_edits_its_questions(staff_client, open_wave):
    section = open_wave.sections.get(code="consent")
    questions = list(section.questions.order_by("order", "id"))
    assert questions
    url = reverse("admin:survey_section_change", args=[section.pk])
    html = staff_client.get(url).content.decode()
    # The section's questions are there as inline forms, one each, editable.
    assert f'name="questions-INITIAL_FORMS" value="{len(questions)}"' in html
    for index, question in enumerate(questions):
        assert f'name="questions-{index}-text"' in html
        assert f'name="questions-{index}-code" value="{question.code}"' in html


def _question_post(question, **changes):
    return {
        "section": question.section_id,
        "code": question.code,
        "type": question.type,
        "text": "Which sector are you in?",
        "why": question.why,
        "hint": "",
        "options": json.dumps(question.options),
        "show_if": "{}",
        "order": question.order,
        **changes,
    }


def test_question_edit_keeps_the_wave_of_its_section(staff_client, open_wave):
    question = open_wave.questions.get(code="sector")
    url = reverse("admin:survey_question_change", args=[question.pk])
    assert staff_client.get(url).status_code == HTTPStatus.OK
    response = staff_client.post(url, _question_post(question))
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    question = Question.objects.get(pk=question.pk)
    assert question.text == "Which sector are you in?"
    assert question.wave == open_wave


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"code": "nhs_icb"}, "Another question in this wave already uses this code"),
        ({"code": "Sector-2"}, "Use lower-case letters"),
        ({"show_if": '["sector"]'}, "Enter {} or"),
        ({"options": '[{"code": "other", "label": "Other"}]'}, "must be unique"),
        ({"options": "[]"}, "Add the options"),
    ],
)
def test_question_edits_that_would_break_the_survey_are_refused(
    staff_client, open_wave, changes, message
):
    question = open_wave.questions.get(code="sector")
    url = reverse("admin:survey_question_change", args=[question.pk])
    response = staff_client.post(url, _question_post(question, **changes))
    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()
    assert Question.objects.get(pk=question.pk).text == question.text


def _form_data(response) -> dict[str, list[str]]:
    """What the browser would post back from the page's change form, unchanged."""
    page = lxml.html.fromstring(response.content)
    form = next(f for f in page.forms if f.get("id", "").endswith("_form"))
    data: dict[str, list[str]] = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    return data


def _post_changed(client, url, **changes):
    data = _form_data(client.get(url))
    for name, value in changes.items():
        data[name] = [value]
    return client.post(url, data)


def test_an_editor_changes_a_waves_texts_but_not_its_dates_or_slug(
    editor_client, open_wave
):
    url = reverse("admin:survey_wave_change", args=[open_wave.pk])
    form = _form_data(editor_client.get(url))
    for field in ("slug", "questionnaire", "opens_at_0", "retention_until"):
        assert field not in form, field
    before = Wave.objects.get(pk=open_wave.pk)
    response = _post_changed(
        editor_client,
        url,
        intro="A clearer introduction.",
        slug="hijacked",
        retention_until="2099-01-01",
        is_published="",
        opens_at_0="2099-01-01",
        opens_at_1="00:00:00",
    )
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]
    wave = Wave.objects.get(pk=open_wave.pk)
    assert wave.intro == "A clearer introduction."
    assert wave.slug == before.slug
    assert wave.retention_until == before.retention_until
    assert wave.is_published is True
    assert wave.opens_at == before.opens_at


def test_a_vru_admin_changes_a_waves_retention_date(vru_admin_client, open_wave):
    url = reverse("admin:survey_wave_change", args=[open_wave.pk])
    response = _post_changed(
        vru_admin_client, url, retention_until="2099-01-01", slug="renamed-wave"
    )
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]
    wave = Wave.objects.get(pk=open_wave.pk)
    assert wave.retention_until == dt.date(2099, 1, 1)
    assert wave.slug == "renamed-wave"


def test_an_editor_changes_a_questions_text_but_not_its_code_or_options(
    editor_client, open_wave
):
    question = open_wave.questions.get(code="sector")
    url = reverse("admin:survey_question_change", args=[question.pk])
    assert "code" not in _form_data(editor_client.get(url))
    response = _post_changed(
        editor_client,
        url,
        text="Which sector do you work in?",
        code="sector_renamed",
        type="short_text",
        options="[]",
        show_if='{"question": "consent", "in": ["yes"]}',
    )
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]
    changed = Question.objects.get(pk=question.pk)
    assert changed.text == "Which sector do you work in?"
    assert (changed.code, changed.type) == (question.code, question.type)
    assert changed.options == question.options
    assert changed.show_if == question.show_if


def test_an_editor_changes_question_texts_in_a_section_but_not_their_codes(
    editor_client, open_wave
):
    section = open_wave.sections.get(code="about_you")
    question = section.questions.get(code="sector")
    url = reverse("admin:survey_section_change", args=[section.pk])
    form = _form_data(editor_client.get(url))
    prefix = next(
        name.removesuffix("-id")
        for name, values in form.items()
        if name.endswith("-id") and values == [str(question.pk)]
    )
    assert f"{prefix}-code" not in form
    response = _post_changed(
        editor_client,
        url,
        code="renamed_section",
        **{
            f"{prefix}-text": "Which sector do you work in?",
            f"{prefix}-code": "sector_renamed",
            f"{prefix}-options": "[]",
        },
    )
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]
    changed = Question.objects.get(pk=question.pk)
    assert changed.text == "Which sector do you work in?"
    assert (changed.code, changed.options) == (question.code, question.options)
    assert open_wave.sections.filter(code="about_you").exists()


def test_a_vru_admin_changes_a_questions_code(vru_admin_client, open_wave):
    question = open_wave.questions.get(code="job_role")
    url = reverse("admin:survey_question_change", args=[question.pk])
    response = _post_changed(vru_admin_client, url, code="job_title")
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]
    assert Question.objects.get(pk=question.pk).code == "job_title"


def _options(question, *, drop=(), add=(), relabel=None):
    options = [
        {**o, "label": (relabel or {}).get(o["code"], o["label"])}
        for o in question.options
        if o["code"] not in drop
    ]
    options += [{"code": code, "label": code.title()} for code in add]
    return json.dumps(options)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"code": "work_sector"}, "code", "The code cannot be changed once"),
        (
            {"type": "short_text", "options": "[]", "max_length": "200"},
            "type",
            "The type cannot be changed once",
        ),
        (
            "drop_vcs",
            "options",
            "Options cannot be removed once the wave has submitted responses: "
            "put back vcs",
        ),
        ({"other_text": ""}, "options", "put back other"),
    ],
)
def test_answered_questions_keep_their_code_type_and_options(
    vru_admin_client, open_wave, changes, field, message
):
    submitted(open_wave)
    question = open_wave.questions.get(code="sector")
    if changes == "drop_vcs":
        changes = {"options": _options(question, drop=["vcs"])}
    url = reverse("admin:survey_question_change", args=[question.pk])
    response = _post_changed(vru_admin_client, url, **changes)
    assert response.status_code == HTTPStatus.OK
    form = response.context["adminform"].form
    assert message in " ".join(form.errors[field]), form.errors
    unchanged = Question.objects.get(pk=question.pk)
    assert (
        unchanged.code,
        unchanged.type,
        unchanged.options,
        unchanged.other_text,
    ) == (
        question.code,
        question.type,
        question.options,
        question.other_text,
    )


def test_answered_questions_may_gain_options_and_new_labels(
    vru_admin_client, open_wave
):
    submitted(open_wave)
    question = open_wave.questions.get(code="sector")
    url = reverse("admin:survey_question_change", args=[question.pk])
    options = _options(question, add=["faith"], relabel={"nhs": "NHS (any trust)"})
    response = _post_changed(vru_admin_client, url, options=options)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]
    saved = Question.objects.get(pk=question.pk)
    assert saved.label_for("nhs") == "NHS (any trust)"
    assert saved.label_for("faith") == "Faith"


def test_unanswered_questions_may_lose_an_option(vru_admin_client, open_wave):
    question = open_wave.questions.get(code="sector")
    url = reverse("admin:survey_question_change", args=[question.pk])
    response = _post_changed(
        vru_admin_client, url, options=_options(question, drop=["vcs"])
    )
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]
    codes = [o["code"] for o in Question.objects.get(pk=question.pk).options]
    assert "vcs" not in codes


@pytest.mark.parametrize(
    ("code", "show_if", "message"),
    [
        (
            "job_role",
            {"question": "seniority", "in": ["team_leader"]},
            "show_if must name an earlier single or multiple question",
        ),
        (
            "job_role",
            {"question": "organisation_name", "in": ["x"]},
            "show_if must name an earlier single or multiple question",
        ),
        (
            "job_role",
            {"question": "sector", "in": ["nhs", "police"]},
            "show_if lists unknown option codes",
        ),
        (
            "job_role",
            {"question": "sector", "in": []},
            "show_if lists unknown option codes",
        ),
    ],
)
def test_routing_follows_the_questionnaire_files_rules(
    vru_admin_client, open_wave, code, show_if, message
):
    question = open_wave.questions.get(code=code)
    url = reverse("admin:survey_question_change", args=[question.pk])
    response = _post_changed(vru_admin_client, url, show_if=json.dumps(show_if))
    assert response.status_code == HTTPStatus.OK
    form = response.context["adminform"].form
    assert message in " ".join(form.errors["show_if"]), form.errors
    assert Question.objects.get(pk=question.pk).show_if == {}


def test_routing_to_an_earlier_choice_question_is_saved(vru_admin_client, open_wave):
    question = open_wave.questions.get(code="job_role")
    url = reverse("admin:survey_question_change", args=[question.pk])
    show_if = {"question": "sector", "in": ["nhs", "vcs"]}
    response = _post_changed(vru_admin_client, url, show_if=json.dumps(show_if))
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]
    assert Question.objects.get(pk=question.pk).show_if == show_if


def test_an_option_that_routes_a_later_question_cannot_be_removed(
    vru_admin_client, open_wave
):
    question = open_wave.questions.get(code="sector")
    url = reverse("admin:survey_question_change", args=[question.pk])
    response = _post_changed(
        vru_admin_client, url, options=_options(question, drop=["nhs"])
    )
    assert response.status_code == HTTPStatus.OK
    errors = response.context["adminform"].form.non_field_errors()
    assert "Question nhs_organisation_type routes on this one" in " ".join(errors)
    assert "nhs" in [o["code"] for o in Question.objects.get(pk=question.pk).options]


def test_the_loaders_length_limit_applies_in_the_admin(vru_admin_client, open_wave):
    question = open_wave.questions.get(code="job_role")
    url = reverse("admin:survey_question_change", args=[question.pk])
    response = _post_changed(vru_admin_client, url, max_length="5000")
    assert response.status_code == HTTPStatus.OK
    errors = response.context["adminform"].form.errors["max_length"]
    assert "max_length must be 1 to 200" in " ".join(errors)


def test_a_version_2_agreement_item_keeps_not_applicable_when_edited(
    vru_admin_client,
):
    wave = wave_with_questionnaire(path=NEXT_WAVE_DEFINITION, slug="next")
    question = wave.questions.get(code="principle_safety")
    url = reverse("admin:survey_question_change", args=[question.pk])
    response = _post_changed(vru_admin_client, url, text="People feel safe with us.")
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]
    changed = Question.objects.get(pk=question.pk)
    assert changed.text == "People feel safe with us."
    assert changed.options_with_labels()[-1]["code"] == "not_applicable"
