"""Import a folder or .zip written by export_archive: authority records, then annotations.

All tables are checked and written in one transaction; any bad row anywhere, and every bad
row is reported (file, line, column, reason), nothing is kept, and the exit status is 1.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.services import bundles
from archive.services import spreadsheets as csvio


class Command(BaseCommand):
    help = "Import organizations.csv, people.csv, roles.csv, events.csv and annotations.csv from a folder or .zip; all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", help="a folder or a .zip file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check everything and report, keeping nothing"
        )

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(f"cannot read {path}: no such file or folder")
        progress = csvio.ProgressBar(self.stderr, options["verbosity"])
        try:
            summaries = bundles.archive_import(
                files=bundles.read_bundle(path), dry_run=options["dry_run"], progress=progress
            )
        except csvio.ImportFailed as exc:
            progress.close()
            for error in exc.errors:
                self.stderr.write(f"{path.name}: {error}")
            raise CommandError(f"{path.name}: {len(exc.errors)} bad row(s); nothing imported") from exc
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from exc
        progress.close()
        if options["verbosity"] >= 1:
            verb = "Checked" if options["dry_run"] else "Imported"
            for name, summary in summaries.items():
                self.stdout.write(f"{verb} {name}: {_describe(summary)}")


def _describe(summary):
    if isinstance(summary, csvio.ImportSummary):
        return f"{summary.created} new, {summary.updated} changed, {summary.unchanged} unchanged"
    return (
        f"{summary.get('new', 0)} new, {summary.get('update', 0)} changed, {summary.get('skip', 0)} unchanged"
    )
