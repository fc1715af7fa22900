"""Delete what each wave's retention date says must go, and record it."""

import datetime as dt
import getpass

from django.core.management.base import BaseCommand, CommandError

from survey.services import retention_purge


class Command(BaseCommand):
    """Run the retention rules; safe to run daily (for example from cron)."""

    help = (
        "For every wave past its retention date, delete contact details and "
        "unfinished drafts. Submitted answers are kept. Records what it deleted "
        "in the audit trail."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            help="Act as if today were this date (YYYY-MM-DD), for checking.",
        )

    def handle(self, *args, **options):
        today = None
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError as error:
                raise CommandError("Enter --today as YYYY-MM-DD") from error
        deleted = retention_purge(
            today=today, username=f"purge_expired ({getpass.getuser()})"
        )
        if not deleted:
            self.stdout.write(self.style.SUCCESS("Nothing to delete."))
            return
        for slug, counts in deleted.items():
            self.stdout.write(
                f"{slug}: {counts['contact_details']} contact details, "
                f"{counts['drafts']} drafts deleted"
            )
        self.stdout.write(self.style.SUCCESS("Retention clean-up done."))
