"""The SQL tally counts exactly what the Python tally counts."""

import pytest

from findings.areas import AREA_BOROUGHS, BOROUGH_AREAS, area_of
from findings.services import question_specs
from findings.tally import tally_for_wave, tally_in_python
from survey.models import Response
from vocabulary.choices import LOCAL_AUTHORITY_AREAS

pytestmark = pytest.mark.django_db


def test_every_london_borough_is_in_exactly_one_icb_area():
    assert sorted(BOROUGH_AREAS) == sorted(str(b) for b in LOCAL_AUTHORITY_AREAS)
    assert sum(len(b) for b in AREA_BOROUGHS.values()) == 33
    assert area_of("pan_london") == "pan_london"


def test_sql_and_python_tallies_agree(wave):
    Response.objects.create(
        wave=wave, resume_token_hash="draft-not-counted", answers={"sector": "nhs"}
    )
    options = {c: [o for o, _ in q.options] for c, q in question_specs(wave).items()}
    rows = Response.objects.submitted().filter(wave=wave)
    in_python = tally_in_python(
        rows.values_list("sector", "boroughs", "answers"), options
    )
    in_sql = tally_for_wave(wave.pk, options)
    assert in_sql.respondents == in_python.respondents == 120
    assert in_sql.by_sector == in_python.by_sector
    assert in_sql.by_area == in_python.by_area
    assert in_sql.by_borough == in_python.by_borough
    assert in_sql.answers == in_python.answers


def test_an_option_repeated_in_a_list_counts_once_and_unknown_codes_not_at_all(wave):
    Response.objects.filter(wave=wave).delete()
    response = Response(wave=wave, resume_token_hash="y", status="submitted")
    response.set_answers(
        {
            "sector": "nhs",
            "barriers": ["funding", "funding", "made_up"],
            "r_realise_1": "agree",
        },
        set(),
    )
    response.reference = "TIL-CCCC-DDDD"
    from django.utils import timezone

    response.submitted_at = timezone.now()
    response.save()
    options = {"barriers": ["funding", "made_up_not_listed"], "r_realise_1": ["agree"]}
    tally = tally_for_wave(wave.pk, options)
    assert tally.answers == {
        ("nhs", "barriers", "funding"): 1,
        ("nhs", "r_realise_1", "agree"): 1,
    }
    rows = [("nhs", [], response.answers)]
    assert tally_in_python(rows, options).answers == tally.answers


def test_a_respondent_naming_two_boroughs_of_one_area_counts_once_there(wave):
    Response.objects.filter(wave=wave).delete()
    response = Response(wave=wave, resume_token_hash="x", status="submitted")
    response.set_answers({"boroughs": ["camden", "islington", "croydon"]}, set())
    response.reference = "TIL-AAAA-BBBB"
    from django.utils import timezone

    response.submitted_at = timezone.now()
    response.save()
    tally = tally_for_wave(wave.pk, {})
    assert tally.by_area == {"north_central": 1, "south_west": 1}
    assert tally.by_borough == {"camden": 1, "islington": 1, "croydon": 1}
