"""Score the curation assistant's proposals for an article against a gold file.

    python manage.py curation_quality ARTICLE GOLD.json [--lexicon-free]

Prints, per kind (people, roles, events, dates), the gold and proposed counts, recall and
precision (for dates: exact share; for roles also the share of start years right), as
``textkit.proposals.quality.score`` computes them. The gold format is documented in
textkit/proposals/README.md. Nothing is written.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from archive.models import Article
from textkit.proposals import Lexicon
from textkit.proposals.quality import score
from workbench.proposing import article_proposals

MEASURES = (
    ("recall", "recall"),
    ("precision", "precision"),
    ("exact", "exact"),
    ("start_year_right", "start"),
)


def _cell(value):
    return "     -" if value is None else f"{100 * value:5.1f}%"


class Command(BaseCommand):
    help = (
        "Print recall and precision per kind of an article's proposals against a gold file (writes nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("article", help="slug of the article")
        parser.add_argument("gold", help="gold file (JSON; format in textkit/proposals/README.md)")
        parser.add_argument(
            "--lexicon-free",
            action="store_true",
            help="propose without the archive's lexicon (an unseen archive)",
        )

    def handle(self, *args, article, gold, **options):
        found = Article.objects.filter(slug=article).first()
        if found is None:
            raise CommandError(f"no article with slug {article!r}")
        try:
            with open(gold, encoding="utf-8-sig") as handle:
                expected = json.load(handle)
        except (OSError, ValueError) as exc:
            raise CommandError(f"{gold}: cannot read the gold file: {exc}") from exc
        if not isinstance(expected, dict):
            raise CommandError(f"{gold}: the gold file must hold one JSON object")
        proposals = article_proposals(found, Lexicon() if options["lexicon_free"] else None)
        for notice in proposals.notices:
            self.stderr.write(f"notice: {notice}")
        result = score(proposals.to_json(found.slug), expected)
        self.stdout.write(f"{'kind':8} {'gold':>5} {'prop':>5} " + " ".join(f"{h:>7}" for _, h in MEASURES))
        for kind, row in result.items():
            cells = " ".join(f"{_cell(row.get(m)):>7}" for m, _ in MEASURES)
            self.stdout.write(f"{kind:8} {row['gold']:5} {row['proposed']:5} {cells}")
