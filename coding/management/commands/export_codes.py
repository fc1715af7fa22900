"""Export a wave's codings to CSV or XLSX, with flagged passages masked."""

import getpass

from django.core.management.base import BaseCommand, CommandError

from coding.exports import codes_export
from survey.models import Wave


class Command(BaseCommand):
    """One row per response, question and code, per coder."""

    help = (
        "Export the codings of one wave: one row per response, question and "
        "code applied, with the coder and note. The format follows the output "
        "file's extension (.csv or .xlsx); flagged passages are masked and "
        "every cell is safe to open in Excel."
    )

    def add_arguments(self, parser):
        parser.add_argument("--wave", required=True, help="The wave's slug.")
        parser.add_argument(
            "--output", required=True, help="The file to write: .csv or .xlsx."
        )

    def handle(self, *args, **options):
        wave = Wave.objects.filter(slug=options["wave"]).first()
        if wave is None:
            raise CommandError(f"There is no wave with the slug {options['wave']!r}.")
        output = options["output"]
        if not output.lower().endswith((".csv", ".xlsx")):
            raise CommandError("Name an output file ending .csv or .xlsx.")
        count = codes_export(
            wave=wave, output=output, username=f"export_codes ({getpass.getuser()})"
        )
        self.stdout.write(self.style.SUCCESS(f"Exported {count:,} rows to {output}."))
