"""The fixed vocabulary of Trauma-Informed London, as Django choices.

Codes are stable: they appear in exports, URLs and stored answers, so a code is
never renamed or reused. Labels may be reworded.
"""

from django.db import models


class Sector(models.TextChoices):
    """Sectors that take part in the programme."""

    LOCAL_AUTHORITY = "local_authority", "Local authority"
    MET_POLICE = "met_police", "Metropolitan Police"
    # Forces outside London, for case studies; the Met keeps its own code.
    POLICING = "policing", "Policing (other forces)"
    NHS = "nhs", "NHS"
    VCS = "vcs", "Voluntary and community"
    EDUCATION = "education", "Education"
    CROSS_SECTOR = "cross_sector", "Cross-sector"


class R(models.TextChoices):
    """The 4 Rs (SAMHSA; Home Office wording, which says 'prevent' for the fourth)."""

    REALISE = "realise", "Realise"
    RECOGNISE = "recognise", "Recognise"
    RESPOND = "respond", "Respond"
    RESIST = "resist", "Resist (prevent) re-traumatisation"


R_DESCRIPTIONS = {
    R.REALISE: "Realises the widespread impact of trauma.",
    R.RECOGNISE: (
        "Recognises the signs of trauma in people who use services and in staff."
    ),
    R.RESPOND: (
        "Responds by putting that knowledge into policies, procedures and practice."
    ),
    R.RESIST: (
        "Resists re-traumatisation (the Home Office VRU learning document says "
        "“seeks to actively prevent” it)."
    ),
}


class Principle(models.TextChoices):
    """The six principles, as the Home Office VRU learning document lists them."""

    SAFETY = "safety", "Safety"
    TRUST = "trust", "Trust"
    CHOICE = "choice", "Choice"
    COLLABORATION = "collaboration", "Collaboration"
    EMPOWERMENT = "empowerment", "Empowerment"
    CULTURAL_CONSIDERATION = "cultural_consideration", "Cultural consideration"


PRINCIPLE_DESCRIPTIONS = {
    Principle.SAFETY: "People feel physically and emotionally safe.",
    Principle.TRUST: "Decisions are transparent and relationships are trustworthy.",
    Principle.CHOICE: "People have a voice and real choices about their support.",
    Principle.COLLABORATION: "Power is shared with people who use services and staff.",
    Principle.EMPOWERMENT: "Strengths are recognised and built on.",
    Principle.CULTURAL_CONSIDERATION: (
        "Cultural, historical and gender contexts are understood and respected."
    ),
}


class Domain(models.TextChoices):
    """Organisational domains of the roadmap, adapted from SAMHSA's ten."""

    GOVERNANCE_LEADERSHIP = "governance_leadership", "Governance and leadership"
    POLICY_PROCEDURE = "policy_procedure", "Policy and procedure"
    PHYSICAL_ENVIRONMENT = "physical_environment", "Physical environment"
    LIVED_EXPERIENCE = "lived_experience", "Lived experience and co-production"
    CROSS_SECTOR = "cross_sector_collaboration", "Cross-sector collaboration"
    WORKFORCE = "workforce_wellbeing", "Workforce development and staff wellbeing"
    DATA_EVALUATION = "data_monitoring_evaluation", "Data, monitoring and evaluation"


class Component(models.TextChoices):
    """Common components of trauma-informed care (EIF, after Bunting et al. 2019)."""

    TRAINING_ALL_STAFF = "training_all_staff", "Training for all staff"
    MEASURING_STAFF = "measuring_staff", "Measuring staff knowledge and practice"
    SECONDARY_TRAUMA = "secondary_trauma", "Procedures for secondary trauma"
    EVIDENCE_BASED_ACCESS = (
        "evidence_based_access",
        ("Skills to access evidence-based services"),
    )
    LEADERSHIP_ROLE = "leadership_role", "A defined leadership role"
    SCREENING = "screening", "Standardised screening, used with caution"
    TRAUMA_SPECIFIC = "trauma_specific", "Evidence-based trauma-specific practice"
    CASE_PLANS = "case_plans", "Trauma history in case plans"
    COLLABORATION = "collaboration", "Collaboration inside and across agencies"
    SAFE_ENVIRONMENT = "safe_environment", "A safe physical environment"
    REDUCING_RETRAUMATISATION = (
        "reducing_retraumatisation",
        ("Reducing re-traumatisation"),
    )
    STRENGTHS_BASED = "strengths_based", "Strengths-based practice"
    WRITTEN_POLICIES = "written_policies", "Written policies that include trauma"


class PracticeLevel(models.TextChoices):
    """Practice levels used in Scotland and Wales."""

    TRAUMA_AWARE = "trauma_aware", "Trauma-aware (everyone)"
    TRAUMA_INFORMED = "trauma_informed", "Trauma-informed (everyone)"
    TRAUMA_SKILLED = "trauma_skilled", "Trauma-skilled (most)"
    TRAUMA_ENHANCED = "trauma_enhanced", "Trauma-enhanced (some)"
    TRAUMA_SPECIALIST = "trauma_specialist", "Trauma-specialist (few)"


class Stage(models.TextChoices):
    """Stages of an organisation's journey: a journey without a destination."""

    AWARE = "aware", "Trauma-aware"
    INFORMED = "informed", "Trauma-informed"
    RESPONSIVE = "responsive", "Trauma-responsive"


class Evidence(models.TextChoices):
    """Strength of the evidence behind a piece of practice."""

    INDEPENDENTLY_EVALUATED = "independently_evaluated", "Independently evaluated"
    INTERNALLY_EVALUATED = "internally_evaluated", "Internally evaluated"
    PRACTITIONER_REPORTED = "practitioner_reported", "Practitioner-reported"
    # An evaluation the source reports without saying who carried it out. Last
    # but one, so the survey's answer codes stay the first three; the library
    # ranks it by EVIDENCE_STRENGTH.
    EVALUATED = "evaluated", "Evaluated (evaluator not named)"
    ILLUSTRATIVE = "illustrative", "Illustrative example"


# Strongest first: the order the case-study library lists evidence in.
EVIDENCE_STRENGTH = [
    Evidence.INDEPENDENTLY_EVALUATED,
    Evidence.INTERNALLY_EVALUATED,
    Evidence.EVALUATED,
    Evidence.PRACTITIONER_REPORTED,
    Evidence.ILLUSTRATIVE,
]


class Borough(models.TextChoices):
    """London's 33 local authority areas, plus pan-London and outside London."""

    BARKING_AND_DAGENHAM = "barking_and_dagenham", "Barking and Dagenham"
    BARNET = "barnet", "Barnet"
    BEXLEY = "bexley", "Bexley"
    BRENT = "brent", "Brent"
    BROMLEY = "bromley", "Bromley"
    CAMDEN = "camden", "Camden"
    CITY_OF_LONDON = "city_of_london", "City of London"
    CROYDON = "croydon", "Croydon"
    EALING = "ealing", "Ealing"
    ENFIELD = "enfield", "Enfield"
    GREENWICH = "greenwich", "Greenwich"
    HACKNEY = "hackney", "Hackney"
    HAMMERSMITH_AND_FULHAM = "hammersmith_and_fulham", "Hammersmith and Fulham"
    HARINGEY = "haringey", "Haringey"
    HARROW = "harrow", "Harrow"
    HAVERING = "havering", "Havering"
    HILLINGDON = "hillingdon", "Hillingdon"
    HOUNSLOW = "hounslow", "Hounslow"
    ISLINGTON = "islington", "Islington"
    KENSINGTON_AND_CHELSEA = "kensington_and_chelsea", "Kensington and Chelsea"
    KINGSTON = "kingston", "Kingston upon Thames"
    LAMBETH = "lambeth", "Lambeth"
    LEWISHAM = "lewisham", "Lewisham"
    MERTON = "merton", "Merton"
    NEWHAM = "newham", "Newham"
    REDBRIDGE = "redbridge", "Redbridge"
    RICHMOND = "richmond", "Richmond upon Thames"
    SOUTHWARK = "southwark", "Southwark"
    SUTTON = "sutton", "Sutton"
    TOWER_HAMLETS = "tower_hamlets", "Tower Hamlets"
    WALTHAM_FOREST = "waltham_forest", "Waltham Forest"
    WANDSWORTH = "wandsworth", "Wandsworth"
    WESTMINSTER = "westminster", "Westminster"
    PAN_LONDON = "pan_london", "Pan-London"
    OUTSIDE_LONDON = "outside_london", "Outside London"


LOCAL_AUTHORITY_AREAS = [
    b for b in Borough if b not in (Borough.PAN_LONDON, Borough.OUTSIDE_LONDON)
]


class ICB(models.TextChoices):
    """London's five NHS Integrated Care Boards."""

    NORTH_CENTRAL = "north_central", "North Central London"
    NORTH_EAST = "north_east", "North East London"
    NORTH_WEST = "north_west", "North West London"
    SOUTH_EAST = "south_east", "South East London"
    SOUTH_WEST = "south_west", "South West London"


class BCU(models.TextChoices):
    """The Metropolitan Police's twelve Basic Command Units."""

    CENTRAL_EAST = "central_east", "Central East (Hackney, Tower Hamlets)"
    CENTRAL_NORTH = "central_north", "Central North (Camden, Islington)"
    CENTRAL_SOUTH = "central_south", "Central South (Lambeth, Southwark)"
    CENTRAL_WEST = (
        "central_west",
        ("Central West (Hammersmith and Fulham, Kensington and Chelsea, Westminster)"),
    )
    EAST = "east", "East (Barking and Dagenham, Havering, Redbridge)"
    NORTH = "north", "North (Enfield, Haringey)"
    NORTH_EAST = "north_east", "North East (Newham, Waltham Forest)"
    NORTH_WEST = "north_west", "North West (Barnet, Brent, Harrow)"
    SOUTH = "south", "South (Bromley, Croydon, Sutton)"
    SOUTH_EAST = "south_east", "South East (Bexley, Greenwich, Lewisham)"
    SOUTH_WEST = "south_west", ("South West (Kingston, Merton, Richmond, Wandsworth)")
    WEST = "west", "West (Ealing, Hillingdon, Hounslow)"
