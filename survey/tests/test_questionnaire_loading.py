"""Loading a questionnaire definition into a wave, and the command that does it."""

from io import StringIO

import pytest
import yaml
from django.core.management import CommandError, call_command

from survey.models import DONT_KNOW, NOT_APPLICABLE, Question, Questionnaire
from survey.questionnaire import (
    CURRENT_DEFINITION,
    DEFINITIONS,
    NEXT_WAVE_DEFINITION,
    QUESTIONNAIRE_DIR,
    DefinitionError,
    definition_read,
    wave_questions_load,
)
from survey.tests.factories import SubmittedResponseFactory, wave_with_questionnaire

pytestmark = pytest.mark.django_db


def test_loading_into_a_wave_creates_sections_and_questions_in_order(open_wave):
    assert open_wave.sections.count() == 10
    sections = definition_read(CURRENT_DEFINITION)["sections"]
    assert open_wave.questions.count() == sum(len(s["questions"]) for s in sections)
    first = open_wave.questions.order_by("section__order", "order").first()
    assert first.code == "consent"
    assert first.type == Question.Type.CONSENT
    assert first.required


def test_loading_again_keeps_rows_and_restores_wording(open_wave):
    ids = set(open_wave.questions.values_list("id", flat=True))
    open_wave.questions.filter(code="sector").update(text="Edited")
    wave_questions_load(wave=open_wave)
    assert set(open_wave.questions.values_list("id", flat=True)) == ids
    assert open_wave.questions.get(code="sector").text == "Which sector do you work in?"


def test_questions_are_not_removed_from_a_wave_with_submitted_answers(
    open_wave, tmp_path
):
    SubmittedResponseFactory(wave=open_wave)
    definition = yaml.safe_load(CURRENT_DEFINITION.read_text())
    definition["sections"][-1]["questions"].pop()
    path = tmp_path / "v1-shorter.yaml"
    path.write_text(yaml.safe_dump(definition))
    with pytest.raises(DefinitionError, match="anything_else"):
        wave_questions_load(wave=open_wave, path=path)
    assert open_wave.questions.filter(code="anything_else").exists()


def test_load_questionnaire_command_checks_and_loads(open_wave):
    out = StringIO()
    call_command("load_questionnaire", "--check", stdout=out)
    assert "52 questions" in out.getvalue()
    call_command("load_questionnaire", "--wave", open_wave.slug, stdout=out)
    assert "Loaded 52 questions into Open wave" in out.getvalue()
    assert Questionnaire.objects.filter(code="practice-survey", version=1).count() == 1


def test_load_questionnaire_command_reports_errors(db, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("version: 1\n")
    with pytest.raises(CommandError, match="Missing top-level key"):
        call_command("load_questionnaire", str(path), stdout=StringIO())
    with pytest.raises(CommandError, match="No wave"):
        call_command("load_questionnaire", "--wave", "nope", stdout=StringIO())


@pytest.mark.parametrize("path", DEFINITIONS, ids=lambda p: p.name)
def test_load_questionnaire_check_passes_for_every_version(path):
    assert set(DEFINITIONS) == set(QUESTIONNAIRE_DIR.glob("*.yaml"))
    out = StringIO()
    call_command("load_questionnaire", str(path), "--check", stdout=out)
    assert f"{path.name}: " in out.getvalue()
    assert not Questionnaire.objects.exists()


def test_loading_version_2_offers_not_applicable_apart_from_dont_know(db):
    v2_wave = wave_with_questionnaire(path=NEXT_WAVE_DEFINITION)
    v1_wave = wave_with_questionnaire()
    codes = [
        o["code"]
        for o in v2_wave.questions.get(code="r_realise_1").options_with_labels()
    ]
    assert codes[-2:] == [DONT_KNOW, NOT_APPLICABLE]
    question = v2_wave.questions.get(code="principle_safety")
    assert question.label_for(NOT_APPLICABLE) == "Not applicable to my role"
    v1_codes = [
        o["code"]
        for o in v1_wave.questions.get(code="r_realise_1").options_with_labels()
    ]
    assert NOT_APPLICABLE not in v1_codes
    stored = v2_wave.questions.get(code="supervision").show_if
    assert stored == {
        "question": "answering_for",
        "not_in": ["team", "service", "organisation"],
    }
    assert v2_wave.questionnaire.version == 2
