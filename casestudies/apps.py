"""App config for the case-study library."""

from django.apps import AppConfig


class CaseStudiesConfig(AppConfig):
    """Promising practice tagged by the 4 Rs and the six principles."""

    name = "casestudies"
    verbose_name = "Case studies"
