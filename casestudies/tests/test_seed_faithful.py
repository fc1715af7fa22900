"""The documented case studies say what their sources report, as reported."""

import re

import pytest

from casestudies.demo import load_seed
from vocabulary.choices import Principle, R

SEED = {entry["slug"]: entry for entry in load_seed()}


def _text(slug: str) -> str:
    """The public prose of a seeded case study, as one string."""
    entry = SEED[slug]
    return " ".join(
        " ".join(str(entry.get(field) or "").split())
        for field in ("title", "summary", "body", "evidence_note", "outcomes")
    )


def test_west_midlands_is_about_young_people_and_names_its_evaluation():
    entry = SEED["west-midlands-police-custody-with-barnardos"]
    text = _text(entry["slug"])
    assert "young people" in entry["title"]
    assert '"immediate impact on knowledge of trauma-informed practices"' in text
    assert "dip samples" in text.lower()
    assert "no outcomes" not in text.lower()
    # The source reports an evaluation but not who carried it out.
    assert entry["evidence"] == "evaluated"
    assert "does not say who" in text
    assert entry["sources"] == ["home-office-learning-from-experience"]


def test_hampshire_reports_early_indications_and_an_evaluation_with_no_findings():
    entry = SEED["hampshire-trauma-informed-practitioners-on-patrol"]
    text = _text(entry["slug"])
    assert "early indications of making a positive difference" in text
    assert "gives no findings" in text
    assert "evaluated it" not in text and "The work was evaluated" not in text
    assert entry["evidence"] != "independently_evaluated"


def test_west_yorkshire_dates_the_programme_not_the_partnership():
    text = _text("west-yorkshire-adversity-trauma-and-resilience")
    assert "was established in June 2020" in text
    assert "2020 as a partnership" not in text
    assert "brings together three partners" not in text


def test_no_documented_case_study_gives_a_real_organisation_a_practice_level():
    for entry in SEED.values():
        if not entry.get("illustrative"):
            assert not entry.get("practice_level"), entry["slug"]


def test_psni_reports_the_fall_in_absence_and_says_the_data_was_not_shared():
    entry = SEED["psni-public-protection-branch-staff-wellbeing"]
    text = _text(entry["slug"])
    assert "substantial" in text and "not shared" in text
    assert "no outcomes" not in text.lower()
    assert entry["evidence"] == "practitioner_reported"
    # The source describes reintroduction through other roles, not phased returns.
    assert "phased" not in text.lower()
    assert "a different position or admin duties for a while" in text


def test_lancashire_family_hubs_is_an_aim_and_a_plan_with_no_named_lead():
    entry = SEED["lancashire-family-hubs-information-sharing"]
    text = _text(entry["slug"])
    assert "shared automatically" not in text
    assert "aim" in text and "plan" in text and "several years" in text
    assert "led by" not in text and "leads a" not in text
    assert "does not say who leads it" in text
    assert entry["evidence"] == "practitioner_reported"


def test_south_wales_keeps_its_two_projects_gwents_figure_and_the_evaluation():
    entry = SEED["south-wales-police-early-action-together"]
    text = _text(entry["slug"])
    assert "2016 to 2018" in text and "2018 to 2020" in text
    assert "2016 to 2020" not in text
    assert "Gwent Police" in text and "Public Health Wales" in text
    assert "(n=32)" in text
    assert "the force's own" not in text and "Gwent Police's own" not in text
    assert entry["evidence"] == "evaluated"


def test_lancashire_vru_credits_the_met_for_divert_and_hmp_parc_for_invisible_walls():
    entry = SEED["lancashire-vru-divert-and-invisible-walls"]
    text = _text(entry["slug"])
    assert "initiated by the Metropolitan Police" in text
    assert "HMP Parc" in text and "HMP Lancaster Farms" in text
    # Nothing in the source is about lived experience.
    assert "lived_experience" not in entry["domains"]


def test_street_and_arrow_is_a_social_enterprise_not_policing():
    entry = SEED["scottish-vru-street-and-arrow"]
    text = _text(entry["slug"])
    assert "social enterprise" in text
    assert "policing" not in entry["sectors"]
    assert "run by the Scottish" not in text


def test_the_met_note_cites_the_dartington_blog_by_author_and_date():
    entry = SEED["met-police-making-the-case-for-funding"]
    text = _text(entry["slug"])
    assert entry["sources"][0] == "dartington-blog-2025-12-02"
    assert "Dartington Service Design Lab" in text and "2 December 2025" in text
    assert "Katie Upsdale" in text


@pytest.mark.parametrize(
    ("slug", "phrase"),
    [
        # The sources do not say who the focus groups heard from.
        ("west-midlands-police-custody-with-barnardos", "from young people and"),
        # The briefing reports the figure; it does not call it the branch's own.
        ("psni-public-protection-branch-staff-wellbeing", "The branch reports"),
        ("south-wales-police-early-action-together", "not an evaluation"),
        ("lancashire-vru-divert-and-invisible-walls", '"reachable moments"'),
    ],
)
def test_no_seeded_case_study_says_more_than_its_source(slug, phrase):
    assert phrase not in _text(slug)


def _bold_in_why_it_matters(entry: dict) -> set[str]:
    section = entry["body"].split("## Why it matters", 1)[1].split("\n## ", 1)[0]
    return {word.lower() for word in re.findall(r"\*\*([^*]+)\*\*", section)}


@pytest.mark.parametrize(
    "slug", [slug for slug, entry in SEED.items() if not entry.get("illustrative")]
)
def test_the_rs_and_principles_tagged_are_the_ones_the_text_explains(slug):
    entry = SEED[slug]
    bold = _bold_in_why_it_matters(entry)
    labels = {p.value: p.label.lower() for p in Principle}
    assert {labels[p] for p in entry["principles"]} == bold & set(labels.values())
    named = {r for r in R.values if any(w.startswith(r[:-1]) for w in bold)}
    assert set(entry["rs"]) == named
