"""Import many source articles: folders, zips and text files of URLs (one a line, # comments).

Each source is imported all-or-nothing and the batch goes on past a bad one. A progress bar
goes to stderr (not at --verbosity 0), one line per source to stdout at --verbosity 2, then a
summary: imported, reprints found with their originals, already in the archive (the same bytes,
by SHA-256: a re-run imports nothing new), refused with the reason. Exits non-zero when a
source was refused or a path cannot be read.
"""

import contextlib

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from archive.services import sources
from archive.services.articles import SourceError

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Import every article of folders, .zip files and lists of URLs; report what was refused."

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", metavar="PATH", help="a folder, a .zip or a text file of URLs"
        )
        parser.add_argument("--outlet", default="", help="newspaper, magazine or site of every article")
        parser.add_argument("--publish", action="store_true", help="show them on public pages at once")
        parser.add_argument("--dry-run", action="store_true", help="import and report, then roll back")

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        try:
            items = sources.batch_items(options["paths"])
        except SourceError as exc:
            raise CommandError(str(exc)) from exc
        # Each source commits on its own; a dry run holds them all in one transaction to roll back.
        with transaction.atomic() if options["dry_run"] else contextlib.nullcontext():
            report = sources.articles_import_batch(
                items=items, progress=self.progress, outlet=options["outlet"], publish=options["publish"]
            )
            if options["dry_run"]:
                transaction.set_rollback(True)
        self.summarise(report, dry_run=options["dry_run"])
        if report.refused:
            raise CommandError(f"{len(report.refused)} of {len(items)} sources refused (listed above)")

    def progress(self, done, total, name):
        if self.verbosity >= 1:
            filled = BAR_WIDTH * done // total
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self.stderr.write(f"\r[{bar}] {done}/{total}", ending="\n" if done == total else "")
            self.stderr.flush()

    def summarise(self, report, *, dry_run):
        if self.verbosity >= 2:
            for name, article in report.imported:
                self.stdout.write(f"{name}: imported as {article.slug}")
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(f"{verb} {len(report.imported)} articles.")
        if report.reprints:
            self.stdout.write(f"Reprints found: {len(report.reprints)}")
            for _name, copy, original in report.reprints:
                self.stdout.write(f"  {copy.slug} reprints {original.slug} ({copy.reprint_similarity:.2f})")
        if report.already:
            self.stdout.write(f"Already in the archive, not imported again: {len(report.already)}")
        for name, slug in report.already if self.verbosity >= 1 else ():
            self.stdout.write(f"  {name}: already in the archive: {slug}")
        if report.skipped and self.verbosity >= 1:
            self.stdout.write(f"Skipped {len(report.skipped)} files that are not text, markdown or HTML.")
        if report.refused:
            self.stdout.write(f"Refused: {len(report.refused)}")
            for name, reason in report.refused:
                self.stdout.write(f"  {name}: {reason}")
