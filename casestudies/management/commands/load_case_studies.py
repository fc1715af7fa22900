"""Load the seed case studies (and the sources they cite) into the database."""

from pathlib import Path

from django.core.management.base import BaseCommand

from casestudies.demo import SEED_FILE, case_studies_load


class Command(BaseCommand):
    """Create missing case studies; with --update, correct those staff left alone."""

    help = (
        "Load casestudies/seed/case_studies.yaml and sources/seed/sources.yaml. "
        "Creates only what is missing; with --update, also rewrites rows that "
        "staff have not edited since they were loaded, and lists those it left "
        "alone. Safe in production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--path", type=Path, default=SEED_FILE)
        parser.add_argument(
            "--update",
            action="store_true",
            help="Rewrite loaded rows that staff have not edited.",
        )

    def handle(self, *args, **options):
        for line in case_studies_load(path=options["path"], update=options["update"]):
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Case studies are loaded."))
