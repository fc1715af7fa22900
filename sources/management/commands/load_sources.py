"""Load the sources file into the database."""

from django.core.management.base import BaseCommand

from sources.demo import sources_load


class Command(BaseCommand):
    """Create missing sources; with --update, correct those staff left alone."""

    help = (
        "Load sources/seed/sources.yaml. Creates only what is missing; with "
        "--update, also rewrites sources staff have not edited since they were "
        "loaded, and lists those it left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--update", action="store_true")

    def handle(self, *args, **options):
        for line in sources_load(update=options["update"]).lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Sources are loaded."))
