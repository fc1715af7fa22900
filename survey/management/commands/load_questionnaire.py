"""Load a questionnaire definition from the repository, optionally into a wave."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from survey.models import Wave
from survey.questionnaire import (
    CURRENT_DEFINITION,
    DefinitionError,
    definition_read,
    definition_stats,
    questionnaire_load,
    wave_questions_load,
)


class Command(BaseCommand):
    """Check a questionnaire YAML file and load it."""

    help = (
        "Check a questionnaire definition (YAML) and store it as a questionnaire "
        "version. With --wave, also write its sections and questions into that "
        "wave, replacing staff edits to their wording."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            default=str(CURRENT_DEFINITION),
            help="The definition file (default: the current version).",
        )
        parser.add_argument("--wave", help="Slug of a wave to load the questions into.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only check the file and print its counts; change nothing.",
        )

    def handle(self, *args, **options):
        path = Path(options["path"])
        try:
            stats = definition_stats(definition_read(path))
            self.stdout.write(
                f"{path.name}: {stats['questions']} questions "
                f"({stats['long_text']} free text, {stats['routed']} routed), "
                f"{stats['words']} words of questions, hints and intros."
            )
            if options["check"]:
                return
            questionnaire = questionnaire_load(path=path)
            self.stdout.write(self.style.SUCCESS(f"Loaded {questionnaire}."))
            if options["wave"]:
                try:
                    wave = Wave.objects.get(slug=options["wave"])
                except Wave.DoesNotExist as error:
                    raise CommandError(f"No wave {options['wave']!r}.") from error
                count = wave_questions_load(wave=wave, path=path)
                self.stdout.write(
                    self.style.SUCCESS(f"Loaded {count} questions into {wave}.")
                )
        except DefinitionError as error:
            raise CommandError(str(error)) from error
