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
    codes = set(question_specs(wave))
    rows = Response.objects.submitted().filter(wave=wave)
    in_python = tally_in_python(
        rows.values_list("sector", "boroughs", "answers"), codes
    )
    in_sql = tally_for_wave(wave.pk, codes)
    assert in_sql.respondents == in_python.respondents == 120
    assert in_sql.by_sector == in_python.by_sector
    assert in_sql.by_area == in_python.by_area
    assert in_sql.by_borough == in_python.by_borough
    assert in_sql.answers == in_python.answers


def test_a_respondent_naming_two_boroughs_of_one_area_counts_once_there(wave):
    Response.objects.filter(wave=wave).delete()
    response = Response(wave=wave, resume_token_hash="x", status="submitted")
    response.set_answers({"boroughs": ["camden", "islington", "croydon"]}, set())
    response.reference = "TIL-AAAA-BBBB"
    from django.utils import timezone

    response.submitted_at = timezone.now()
    response.save()
    tally = tally_for_wave(wave.pk, [])
    assert tally.by_area == {"north_central": 1, "south_west": 1}
    assert tally.by_borough == {"camden": 1, "islington": 1, "croydon": 1}
