"""Which NHS Integrated Care Board area each London borough lies in.

Findings publish places at ICB-area level, and a borough on its own only where
10 or more respondents named it. Source: NHS England, "Integrated care boards
in London" (the five London ICBs and the boroughs each covers).
"""

from vocabulary.choices import ICB, Borough

AREA_BOROUGHS: dict[str, list[str]] = {
    ICB.NORTH_CENTRAL: [
        Borough.BARNET,
        Borough.CAMDEN,
        Borough.ENFIELD,
        Borough.HARINGEY,
        Borough.ISLINGTON,
    ],
    ICB.NORTH_EAST: [
        Borough.BARKING_AND_DAGENHAM,
        Borough.CITY_OF_LONDON,
        Borough.HACKNEY,
        Borough.HAVERING,
        Borough.NEWHAM,
        Borough.REDBRIDGE,
        Borough.TOWER_HAMLETS,
        Borough.WALTHAM_FOREST,
    ],
    ICB.NORTH_WEST: [
        Borough.BRENT,
        Borough.EALING,
        Borough.HAMMERSMITH_AND_FULHAM,
        Borough.HARROW,
        Borough.HILLINGDON,
        Borough.HOUNSLOW,
        Borough.KENSINGTON_AND_CHELSEA,
        Borough.WESTMINSTER,
    ],
    ICB.SOUTH_EAST: [
        Borough.BEXLEY,
        Borough.BROMLEY,
        Borough.GREENWICH,
        Borough.LAMBETH,
        Borough.LEWISHAM,
        Borough.SOUTHWARK,
    ],
    ICB.SOUTH_WEST: [
        Borough.CROYDON,
        Borough.KINGSTON,
        Borough.MERTON,
        Borough.RICHMOND,
        Borough.SUTTON,
        Borough.WANDSWORTH,
    ],
}
BOROUGH_AREAS: dict[str, str] = {
    str(borough): str(area)
    for area, boroughs in AREA_BOROUGHS.items()
    for borough in boroughs
}
# Answers that are places but not boroughs are published as they are.
PLACES = [Borough.PAN_LONDON, Borough.OUTSIDE_LONDON]
AREA_LABELS = dict(ICB.choices) | {str(p): p.label for p in PLACES}


def area_of(borough: str) -> str:
    """The ICB area of a borough; pan-London and outside London stay themselves."""
    return BOROUGH_AREAS.get(borough, borough)
