"""A theme linked to a code: its count and split by sector, suppressed like the rest."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from coding import services as coding_services
from coding.models import Code, Codebook
from findings.models import FindingsTheme
from findings.services import release_publish, release_snapshot
from survey.models import Question, Response

pytestmark = pytest.mark.django_db


def _code_some(release, analyst, count: int) -> Code:
    wave = release.wave
    code = Code.objects.create(
        codebook=Codebook.objects.create(wave=wave), name="Time", definition="Time."
    )
    question = Question.objects.get(wave=wave, code="meaning_own_words")
    for response in Response.objects.filter(wave=wave).order_by("pk")[:count]:
        coding_services.coding_save(
            response=response,
            question=question,
            coder=analyst,
            code_ids=[code.pk],
            note="",
            version=0,
        )
    return code


def test_a_coded_theme_shows_its_count_and_sectors_without_small_numbers(
    release, analyst
):
    code = _code_some(release, analyst, 40)
    FindingsTheme.objects.create(
        release=release, heading="No time", text="Our words.", code=code
    )
    FindingsTheme.objects.create(release=release, heading="Uncoded", text="Words.")
    coded, plain = release_snapshot(release=release)["themes"]
    assert coded["figures"]["overall"]["count"] == 40
    assert coded["figures"]["overall"]["percent"] == 33
    counts = [row["count"] for row in coded["figures"]["rows"]]
    assert not [c for c in counts if c is not None and 1 <= c <= 9]
    shown = [c for c in counts if c is not None]
    assert sum(shown) <= 40
    assert plain["figures"] is None


def test_a_theme_of_fewer_than_10_respondents_is_withheld(release, analyst):
    code = _code_some(release, analyst, 4)
    FindingsTheme.objects.create(release=release, heading="Rare", text="T.", code=code)
    figures = release_snapshot(release=release)["themes"][0]["figures"]
    assert figures["overall"] == {
        "count": None,
        "status": "fewer_than_10",
        "percent": None,
    }
    assert all(row["count"] in (None, 0) for row in figures["rows"])


def test_the_published_page_shows_the_theme_table_and_no_answers(
    client, release, analyst
):
    code = _code_some(release, analyst, 40)
    FindingsTheme.objects.create(
        release=release, heading="No time", text="Our words.", code=code
    )
    release_publish(release=release, user=analyst)
    page = client.get(
        reverse("findings:detail", kwargs={"wave_slug": release.wave.slug})
    )
    html = page.content.decode()
    assert page.status_code == HTTPStatus.OK
    assert "Respondents who wrote about “No time”, by sector" in html
    assert "40 respondents (33%) wrote about this." in html


def test_the_release_csv_lists_the_theme_figures(client, release, analyst):
    code = _code_some(release, analyst, 40)
    FindingsTheme.objects.create(
        release=release, heading="=No time", text="Our words.", code=code
    )
    release_publish(release=release, user=analyst)
    url = reverse("findings:csv", kwargs={"wave_slug": release.wave.slug})
    text = client.get(url).content.decode()
    assert (
        "Themes from the written answers,Respondents who wrote about: =No time,"
        ",All sectors,40,33,," in text
    )
