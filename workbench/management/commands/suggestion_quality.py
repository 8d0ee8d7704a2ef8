"""Print how well name suggestions match the curated person mentions of an article.

    python manage.py suggestion_quality [--article alibaba-b2b-18-years] [--mentions archive/demo/records/annotations.csv]

Recall: the share of curated mentions (the person annotations of an annotations CSV in the export
format, by default the demo's: names and aliases of known people) that the matcher suggests at
the same place for the same person. Precision: the share of the matcher's person suggestions
that are curated mentions. Nothing is written.
"""

from django.core.management.base import BaseCommand, CommandError

from archive.models import Article
from archive.services.demo import DEMO_DIR
from workbench.quality import QualityError, suggestion_quality


class Command(BaseCommand):
    help = "Print recall and precision of name suggestions against curated mentions (writes nothing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--article", default="alibaba-b2b-18-years", help="slug of the article to measure"
        )
        parser.add_argument(
            "--mentions",
            default=str(DEMO_DIR / "records" / "annotations.csv"),
            help="annotations CSV (export format) whose person rows are the curated mentions",
        )

    def handle(self, *args, article, mentions, **options):
        found = Article.objects.filter(slug=article).first()
        if found is None:
            raise CommandError(f"--article: no article with slug {article!r} (run load_demo first?)")
        try:
            result = suggestion_quality(found, mentions)
        except QualityError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{found.slug}: {result.gold} curated mentions, {result.suggested} person suggestions, "
            f"{result.hits} correct"
        )
        if options["verbosity"] > 1:
            for miss in result.missed:
                self.stdout.write(f"  missed: {miss}")
            for extra in result.extra:
                self.stdout.write(f"  not curated: {extra}")
        self.stdout.write(f"recall {result.recall:.3f}  precision {result.precision:.3f}")
