"""Write a published article with its public annotations as TEI P5 (reading/tei.py says how).

It lives in reading/ because it writes the public view of an article: an unpublished article
is refused, and only public annotations are written.
"""

from django.core.management.base import BaseCommand, CommandError

from reading.tei import article_tei, public_article


class Command(BaseCommand):
    help = "Export a published article and its public annotations as TEI P5 XML."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the article's slug")
        parser.add_argument(
            "--base-url", default="http://127.0.0.1:8000", help="site address for our page URLs"
        )
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args, **options):
        article = public_article(options["slug"])
        if article is None:
            raise CommandError(f"no published article with slug “{options['slug']}”")
        base = options["base_url"].rstrip("/")
        data = article_tei(article, lambda path: base + path)
        if options["output"]:
            with open(options["output"], "wb") as out:
                out.write(data)
            if options["verbosity"] >= 1:
                self.stderr.write(f"wrote {options['output']}")
        else:
            self.stdout.write(data.decode("utf-8"), ending="")
