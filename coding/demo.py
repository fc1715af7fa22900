"""Demo codebook: a few clearly labelled demo codes on the demo wave only."""

from django.db import transaction

from coding.models import Code, Codebook
from survey.models import Wave

DEMO_WAVE_SLUG = "demo"
# (name, definition, use when, don't use when, parent name, colour)
DEMO_CODES = [
    (
        "What helps (demo)",
        "Demo code: something the respondent says makes trauma-informed "
        "practice easier.",
        "",
        "",
        "",
        "green",
    ),
    (
        "Leadership backing (demo)",
        "Demo code: senior leaders give time, money or visible support.",
        "Demo example: our director protects time for reflective practice.",
        "Demo example: a colleague on the same team supports it (not a leader).",
        "What helps (demo)",
        "blue",
    ),
    (
        "Training that sticks (demo)",
        "Demo code: training followed up in supervision or practice.",
        "Demo example: refresher sessions after the first course.",
        "Demo example: a one-off course with nothing after it.",
        "What helps (demo)",
        "turquoise",
    ),
    (
        "What gets in the way (demo)",
        "Demo code: something the respondent says makes it harder.",
        "",
        "",
        "",
        "orange",
    ),
    (
        "Time and caseloads (demo)",
        "Demo code: no time, high caseloads or staff turnover.",
        "Demo example: we cannot attend training because of caseloads.",
        "Demo example: no budget for training (that is funding).",
        "What gets in the way (demo)",
        "pink",
    ),
    (
        "Funding (demo)",
        "Demo code: money, short-term funding or commissioning.",
        "Demo example: the project ended when the grant ran out.",
        "Demo example: leaders do not prioritise it (that is leadership).",
        "What gets in the way (demo)",
        "purple",
    ),
]


@transaction.atomic
def seed_demo() -> list[str]:
    """Create the demo codebook on the demo wave, if missing; never on real waves."""
    wave = Wave.objects.filter(slug=DEMO_WAVE_SLUG).first()
    if wave is None:
        return ["Coding: no demo wave, so no demo codebook."]
    codebook, created = Codebook.objects.get_or_create(
        wave=wave, defaults={"is_demo": True}
    )
    if not codebook.is_demo:
        return ["Coding: the demo wave's codebook is not marked demo; left alone."]
    added = 0
    parents: dict[str, Code] = {}
    for order, (name, definition, use, dont, parent, colour) in enumerate(DEMO_CODES):
        code, made = Code.objects.get_or_create(
            codebook=codebook,
            name=name,
            defaults={
                "definition": definition,
                "use_when": use,
                "dont_use_when": dont,
                "parent": parents.get(parent),
                "colour": colour,
                "order": order,
            },
        )
        parents[name] = code
        added += made
    if not created and not added:
        return []
    return [f"Coding: demo codebook on the demo wave ({added} demo codes added)."]
