"""Load the demo content: waves and questionnaire, case studies, roadmap, staff."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

# Each app's seeder is a function ``seed_demo() -> list[str]`` that is idempotent
# (a second run changes nothing) and returns lines to report. Order matters:
# later seeders may use what earlier ones created.
# Named by dotted path so the site shell imports none of the apps it seeds.
SEEDERS = [
    "staff.demo.seed_demo",
    "survey.demo.seed_demo",
    "sources.demo.seed_demo",
    "coding.demo.seed_demo",
    "findings.demo.seed_demo",
    "roadmap.demo.seed_demo",
    "casestudies.demo.seed_demo",
]


class Command(BaseCommand):
    """Create or update the demo content; safe to run any number of times."""

    help = (
        "Load demo content for development: the survey waves and questionnaire, "
        "case studies, roadmap content and demo staff sign-ins. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet-sign-ins",
            action="store_true",
            help="Do not print the demo staff sign-ins.",
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo loads demo data and never runs in production."
            )
        for dotted_path in SEEDERS:
            seeder = import_string(dotted_path)
            with transaction.atomic():
                lines = seeder()
            for line in lines:
                if options["quiet_sign_ins"] and line.startswith("Sign in:"):
                    continue
                self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
