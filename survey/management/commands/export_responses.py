"""Export a wave's submitted responses to CSV or XLSX, streaming from the database."""

import getpass

from django.core.management.base import BaseCommand, CommandError

from survey.exports.columns import columns_for_waves
from survey.exports.service import responses_export
from survey.models import Response, Wave


class Command(BaseCommand):
    """Large exports without the admin: constant memory, progress on stderr."""

    help = (
        "Export the submitted responses of one wave, one row per response, "
        "with the same columns and Excel-safe cells as the admin's export. "
        "XLSX files include the data dictionary as a second sheet."
    )

    def add_arguments(self, parser):
        parser.add_argument("--wave", required=True, help="The wave's slug.")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", required=True, help="The file to write.")
        parser.add_argument(
            "--quiet", action="store_true", help="Do not show progress."
        )

    def handle(self, *args, **options):
        wave = Wave.objects.filter(slug=options["wave"]).first()
        if wave is None:
            raise CommandError(f"There is no wave with the slug {options['wave']!r}.")
        queryset = Response.objects.for_wave(wave)
        columns = columns_for_waves([wave])
        total = queryset.submitted().count()
        progress = None if options["quiet"] else self._progress(total)
        count = responses_export(
            queryset=queryset,
            file_format=options["format"],
            output=options["output"],
            username=f"export_responses ({getpass.getuser()})",
            filters={"wave": wave.slug},
            detail={"output": str(options["output"])},
            columns=columns,
            progress=progress,
        )
        self.stdout.write(
            self.style.SUCCESS(f"Exported {count:,} responses to {options['output']}.")
        )

    def _progress(self, total: int):
        def report(done: int) -> None:
            percent = 100 * done / total if total else 100
            self.stderr.write(
                f"\r{done:,} of {total:,} responses ({percent:.0f}%)",
                ending="\n" if done >= total else "",
            )
            self.stderr.flush()

        return report
