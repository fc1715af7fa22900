"""The start page of the current questionnaire: who sees answers, and its sources."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from sources.tests.factories import SourceFactory
from survey.questionnaire import NEXT_WAVE_DEFINITION
from survey.tests.factories import wave_with_questionnaire
from survey.views.start import START_PAGE_SOURCES

pytestmark = pytest.mark.django_db


@pytest.fixture
def wave():
    return wave_with_questionnaire(path=NEXT_WAVE_DEFINITION, slug="next")


@pytest.fixture
def sources():
    return [SourceFactory(code=code, title=code) for code in START_PAGE_SOURCES]


def _page(client, wave) -> str:
    response = client.get(reverse("survey:wave_start", args=[wave.slug]))
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_who_sees_the_answers_is_said_before_the_start_button(client, wave):
    html = _page(client, wave)
    who = html.index("Who will see your answers")
    assert who < html.index("Start now")
    said = html[who : html.index("Start now")]
    assert "Only the research team sees individual answers" in said
    assert "Dartington Service Design Lab" in said
    assert "your organisation&#x27;s name" in said
    assert "hide any group smaller than 10" in said
    assert "anyone&#x27;s level of seniority alongside their borough" in said


def test_the_why_cites_the_vru_page_and_briefing_and_the_rest_is_labelled(
    client, wave, sources
):
    html = _page(client, wave)
    why = html[html.index("Why we are asking") : html.index("Saving your answers")]
    # The VRU's research page: "The VRU has appointed Dartington Service Design
    # Lab as our Trauma Informed Research Partner" and "The results of this
    # detailed research will establish a baseline of trauma-informed practice
    # across London". The briefing: the survey is "to identify existing
    # trauma-informed examples", to "better understand the variations in
    # current practices" and support "building a common language and
    # portfolio of best practice that can be shared cross-sector".
    assert "appointed Dartington Service Design Lab as its research partner" in why
    assert "establish a baseline of trauma-informed practice across London" in why
    assert "how practice varies" in why
    assert "common language" in why
    assert why.count('href="#source-') == 2
    for number, code in enumerate(START_PAGE_SOURCES, start=1):
        assert f'<li id="source-{number}">' in html
        assert code in html
    assert "The rest of this page is this survey's own" in html
    assert "our estimate for a typical set of answers" in html


def test_the_start_page_takes_a_few_minutes_to_read(client, wave):
    # "plus a few minutes to read this page": at 200 words a minute.
    html = _page(client, wave)
    main = html[html.index("<main") : html.index("</main>")]
    words = len(re.sub(r"<[^>]+>", " ", main).split())
    assert 1 <= words / 200 <= 4, words


def test_the_start_page_reads_its_sources_in_one_query(
    client, wave, sources, django_assert_max_num_queries
):
    # The wave (with its questionnaire) and the sources: nothing per source.
    with django_assert_max_num_queries(3):
        _page(client, wave)


def test_the_privacy_notice_says_who_sees_survey_answers(client):
    html = client.get(reverse("pages:privacy")).content.decode()
    who = html[html.index("Who can see survey answers") :]
    assert "Only the research team sees individual survey answers" in who
    assert "is seen only by the research team and is never published" in who
    assert "level of seniority alongside the borough" in who
