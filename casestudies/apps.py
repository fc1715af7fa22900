"""App config for the case-study library."""

from django.apps import AppConfig


class CaseStudiesConfig(AppConfig):
    """Promising practice tagged by the 4 Rs and the six principles."""

    name = "casestudies"
    verbose_name = "Case studies"

    def seed_demo(self) -> list[str]:
        """Load this app's demo content (the seed_demo command); lines to report."""
        from casestudies.demo import seed_demo

        return seed_demo()
