"""Import one source article (plain text, one paragraph per non-empty line, or an HTML page).

Reports a reprint of an archived article ("reprint of <slug> (similarity …)") and prints the new
article's slug as the last word of its last line. Nothing is written when the file cannot be
read or decoded, is empty, or the publication date is not valid EDTF.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from archive.services import articles as services
from core.uploads import upload_too_large


class Command(BaseCommand):
    help = "Import a text or HTML article (UTF-8 with or without BOM, GB18030, Big5) and print its slug."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the file to import")
        parser.add_argument("--title", default="", help="title (default: the first line)")
        parser.add_argument("--outlet", default="", help="newspaper, magazine or site")
        parser.add_argument("--author", default="")
        parser.add_argument(
            "--published-on", default="", help="publication date as EDTF, e.g. 2017-09-12 or 2017"
        )
        parser.add_argument("--url", default="")
        parser.add_argument("--publish", action="store_true", help="show it on public pages at once")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report, writing nothing"
        )

    def handle(self, *args, **options):
        path = Path(options["path"])
        try:
            # Refuse an oversized file before reading it into memory.
            too_large = upload_too_large(path.stat().st_size, name=path.name)
            if too_large:
                raise CommandError(too_large)
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from exc
        try:
            with transaction.atomic():
                article = services.article_import(
                    data=data,
                    filename=path.name,
                    title=options["title"],
                    outlet=options["outlet"],
                    author=options["author"],
                    published_edtf=options["published_on"],
                    url=options["url"],
                    publish=options["publish"],
                )
                summary = f"{article.paragraphs.count()} paragraphs, encoding {article.raw_encoding}"
                original = article.reprint_of
                if options["dry_run"]:
                    transaction.set_rollback(True)
        except services.SourceError as exc:
            raise CommandError(str(exc)) from exc
        if original is not None:
            self.stdout.write(f"reprint of {original.slug} (similarity {article.reprint_similarity:.2f})")
        verb = "Would import" if options["dry_run"] else "Imported"
        self.stdout.write(f"{verb} “{article.title}” ({summary}) as {article.slug}")
