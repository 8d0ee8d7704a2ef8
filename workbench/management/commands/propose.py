"""Print the curation assistant's proposals for an article, writing nothing.

    python manage.py propose <article-slug> --format json

The lexicon is the archive's own (people and aliases, organisations and aliases, role titles,
the editors' learned aliases and rejected strings). The JSON is ``Proposals.to_json(slug)``
(the contract in README.md). When the named-entity library cannot load, the notice is in the
JSON's ``notices`` and on stderr, and the proposals fall back to the names the archive knows.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from archive.models import Article
from workbench.proposing import article_proposals


class Command(BaseCommand):
    help = "Print the proposals (people, organisations, roles, events, dates) for an article; writes nothing."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="slug of the article")
        parser.add_argument(
            "--format",
            choices=["json", "text"],
            default="json",
            help="json (the contract) or a short summary",
        )

    def handle(self, *args, slug, **options):
        article = Article.objects.filter(slug=slug).first()
        if article is None:
            raise CommandError(f"no article with slug {slug!r}")
        found = article_proposals(article)
        for notice in found.notices:
            self.stderr.write(f"notice: {notice}")
        data = found.to_json(article.slug)
        if options["format"] == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=1))
            return
        for kind in ("people", "organizations", "roles", "events", "dates"):
            self.stdout.write(f"{kind}: {len(data[kind])}")
