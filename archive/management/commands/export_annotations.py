"""Export every annotation as CSV (UTF-8 with BOM) or XLSX, in the row format of archive.services.spreadsheets."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.services import spreadsheets as csvio


class Command(BaseCommand):
    help = "Export all annotations to a .csv (UTF-8 with BOM, Excel-safe) or .xlsx file."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", required=True, help="the file to write: FILE.csv or FILE.xlsx")

    def handle(self, *args, **options):
        path = Path(options["output"])
        fmt = "xlsx" if path.suffix.lower() == ".xlsx" else "csv"
        data = csvio.annotations_export(fmt=fmt)
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from exc
        if options["verbosity"] >= 1:
            rows = csvio.Annotation.objects.count()
            self.stdout.write(f"Exported {rows} annotations to {path}")
