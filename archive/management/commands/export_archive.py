"""Export the whole archive's authority records and annotations as CSV files, to a folder or a .zip."""

from django.core.management.base import BaseCommand, CommandError

from archive.services import bundles


class Command(BaseCommand):
    help = "Write organizations.csv, people.csv, roles.csv, events.csv and annotations.csv to a folder, or a .zip file."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", required=True, help="a folder, or FILE.zip")

    def handle(self, *args, **options):
        files = bundles.archive_export()
        try:
            bundles.write_bundle(files, options["output"])
        except OSError as exc:
            raise CommandError(f"cannot write {options['output']}: {exc.strerror or exc}") from exc
        if options["verbosity"] >= 1:
            self.stdout.write(f"Exported {', '.join(files)} to {options['output']}")
