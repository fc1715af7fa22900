"""What the benchmarks' respondents answer: every page of either questionnaire.

Posted whole to each page; a page takes the answers to its own questions.
"""

ANSWERS = {
    "consent": "on",
    "sector": "nhs",
    "works_with": ["adults", "families"],
    "nhs_organisation_type": "mental_health_trust",
    "nhs_icb": "north_east",
    "organisation_name": "Benchmark trust",
    "seniority": "team_leader",
    "boroughs": ["newham", "hackney"],
    "answering_for": "team",
    "team_size": "from_10_to_49",
    "meaning_own_words": "Practice that notices trauma and avoids causing more.",
    "journey_stage": "informed",
    "r_realise_1": "agree",
    "r_recognise_2": "neither",
    "principle_safety": "agree",
    "team_training_types": ["e_learning", "half_day"],
    "team_training_confidence": "agree",
    "team_supervision": "most_regularly",
    "reflective_practice": "monthly",
    "components_in_place": ["training_all_staff", "collaboration"],
    "has_example": "yes",
    "example_description": "Reflective practice groups every month. " * 20,
    "example_rs": ["recognise", "respond"],
    "contact": "no",
    "barriers": ["time_workload", "funding"],
    "vru_support_types": ["training", "peer_network"],
    "heard_about": "director_public_health",
}
