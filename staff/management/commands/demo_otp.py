"""Print the current sign-in code of a demo staff account (development only)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from staff.demo import DEMO_STAFF, demo_totp_key


class Command(BaseCommand):
    """Show the 6-digit code a demo account's authenticator would show now."""

    help = (
        "Print the current two-factor code for a demo staff account made by "
        "seed_demo (demo-admin, demo-analyst, demo-editor). Never in production."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="A demo username, such as demo-analyst.")

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "demo_otp is for demo accounts and never runs in production."
            )
        username = options["username"]
        if username not in {name for name, _, _ in DEMO_STAFF}:
            raise CommandError(
                f"{username} is not a demo account. Choose one of: "
                + ", ".join(name for name, _, _ in DEMO_STAFF)
            )
        code = totp(bytes.fromhex(demo_totp_key(username)))
        self.stdout.write(self.style.SUCCESS(f"{code:06d}"))
