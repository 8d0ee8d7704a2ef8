"""Import one source article (plain text, markdown or an HTML page) from a file or an http(s) URL.

A URL is fetched within the archive's limits (size, time, content type, public addresses only
unless ANNALS_FETCH_ALLOW_PRIVATE=1); its final URL and the time of retrieval are kept.

Reports a reprint of an archived article ("reprint of <slug> (similarity …)") and prints the new
article's slug as the last word of its last line. Nothing is written when the file cannot be
read, fetched or decoded, is empty, or the publication date is not valid EDTF.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from archive.services import articles as services
from archive.services import sources
from core.uploads import upload_too_large


class Command(BaseCommand):
    help = (
        "Import a text, markdown or HTML article (UTF-8 with or without BOM, GB18030, Big5) from a file "
        "or an http(s) URL and print its slug."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH|URL", help="the file or http(s) URL to import")
        parser.add_argument("--title", default="", help="title (default: the source's own)")
        parser.add_argument("--outlet", default="", help="newspaper, magazine or site")
        parser.add_argument("--author", default="")
        parser.add_argument(
            "--published-on", default="", help="publication date as EDTF, e.g. 2017-09-12 or 2017"
        )
        parser.add_argument("--url", default="", help="the source's URL (default: the URL fetched)")
        parser.add_argument("--publish", action="store_true", help="show it on public pages at once")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report, writing nothing"
        )

    def handle(self, *args, **options):
        incoming = self.incoming(options["path"])
        try:
            with transaction.atomic():
                article = sources.article_import_incoming(
                    incoming=incoming,
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

    def incoming(self, where):
        """Return the source's bytes from the URL or file, or raise CommandError."""
        if where.lower().startswith(sources.URL_SCHEMES):
            try:
                return sources.incoming_from_url(where)
            except services.SourceError as exc:
                raise CommandError(str(exc)) from exc
        path = Path(where)
        try:
            # Refuse an oversized file before reading it into memory.
            too_large = upload_too_large(path.stat().st_size, name=path.name)
            if too_large:
                raise CommandError(too_large)
            return sources.Incoming(data=path.read_bytes(), filename=path.name)
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from exc
