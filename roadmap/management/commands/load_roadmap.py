"""Load the roadmap content file into the database, creating only what is missing."""

from pathlib import Path

from django.core.management.base import BaseCommand

from roadmap.services import CONTENT_PATH, roadmap_content_load


class Command(BaseCommand):
    """Create missing phases, stages, domains, cells, actions and statements."""

    help = (
        "Load roadmap/content/roadmap.yaml into the roadmap tables. Creates only "
        "what is missing, so content edited in the admin is never overwritten. "
        "Safe in production."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--path",
            type=Path,
            default=CONTENT_PATH,
            help="The content file to load (default: the one in the repository).",
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="Also rewrite page texts and phases staff have not edited since "
            "they were loaded, and list those left alone.",
        )

    def handle(self, *args, **options):
        for line in roadmap_content_load(
            path=options["path"], update=options["update"]
        ):
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Roadmap content is loaded."))
