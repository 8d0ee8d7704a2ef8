"""Import annotations from a CSV or XLSX file in the row format of archive.services.spreadsheets.

Every row is checked first; when any is bad, each bad row is reported on its own line (line,
column, reason), nothing is written and the exit status is 1. Otherwise all new and changed
annotations are written in one transaction, with history records.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.services import spreadsheets as csvio
from core.uploads import TooLarge, read_capped


class Command(BaseCommand):
    help = "Import annotations from a .csv (UTF-8 with or without BOM, or GB18030) or .xlsx file; all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the CSV or XLSX file to import")
        parser.add_argument(
            "--dry-run", action="store_true", help="check every row and report, writing nothing"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = read_capped(path)  # refused by its size before it is read
        except TooLarge as exc:
            raise CommandError(f"{path.name}: {exc}") from exc
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from exc
        progress = csvio.ProgressBar(self.stderr, options["verbosity"])
        try:
            summary = csvio.annotations_import(
                data=data, filename=path.name, dry_run=options["dry_run"], progress=progress
            )
        except csvio.ImportFailed as exc:
            progress.close()
            for error in exc.errors:
                self.stderr.write(f"{path.name}: {error}")
            raise CommandError(f"{path.name}: {len(exc.errors)} bad row(s); nothing imported") from exc
        progress.close()
        if options["verbosity"] >= 1:
            verb = "Would import" if summary.dry_run else "Imported"
            self.stdout.write(
                f"{verb} {path.name}: {summary.created} new, {summary.updated} changed, "
                f"{summary.unchanged} unchanged of {summary.rows} rows ({summary.seconds:.1f} s)"
            )
