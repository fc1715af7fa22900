"""Load the demo content: sources, case studies, survey, findings, roadmap, staff."""

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    """Create or update the demo content; safe to run any number of times.

    Each app that has demo content says so with a ``seed_demo()`` method on its
    AppConfig, idempotent (a second run changes nothing) and returning lines
    to report. Apps are seeded in INSTALLED_APPS order, listed from the bottom
    layer up, so a seeder may use what the apps below it created; the command
    names none of them.
    """

    help = (
        "Load demo content for development: sources and case studies, the "
        "survey waves and questionnaire, findings, roadmap content and demo "
        "staff sign-ins. Idempotent."
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
        for app_config in apps.get_app_configs():
            seeder = getattr(app_config, "seed_demo", None)
            if seeder is None:
                continue
            with transaction.atomic():
                lines = seeder()
            for line in lines:
                if options["quiet_sign_ins"] and line.startswith("Sign in:"):
                    continue
                self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
