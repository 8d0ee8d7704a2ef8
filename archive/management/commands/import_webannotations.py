"""Import W3C Web Annotations (a Hypothesis, Recogito or Annals export) onto an article we hold.

Every annotation is anchored by its TextQuoteSelector in the article's text and its body
resolved to our records first; when any is bad, each is reported on its own line (item number,
field, reason), nothing is written and the exit status is 1.
"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from archive.models import Annotation, Article
from archive.services.annotation_rows import ImportFailed
from archive.services.webannotations import webannotations_import


class Command(BaseCommand):
    help = "Import a JSON file of W3C Web Annotations onto an article (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="JSON: an AnnotationCollection or Page, a list, or a Hypothesis export"
        )
        parser.add_argument("--article", required=True, help="slug of the annotated article")
        parser.add_argument("--dry-run", action="store_true", help="check and report, writing nothing")
        parser.add_argument(
            "--status",
            default=Annotation.Status.DRAFT,
            choices=Annotation.Status.values,
            help="default: draft",
        )
        parser.add_argument("--editor", help="username recorded as editor (a reviewer, to publish)")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise CommandError(f"cannot read {path} as JSON: {exc}") from exc
        article = Article.objects.filter(slug=options["article"]).first()
        if article is None:
            raise CommandError(f"no article with slug “{options['article']}”")
        user = self._editor(options["editor"])
        try:
            counts = webannotations_import(
                data=data, article=article, user=user, dry_run=options["dry_run"], status=options["status"]
            )
        except ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(f"{path.name}: {error}")
            raise CommandError(f"{path.name}: {len(exc.errors)} bad annotation(s); nothing imported") from exc
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        if options["verbosity"] >= 1:
            verb = "Would import" if options["dry_run"] else "Imported"
            self.stdout.write(f"{verb} {path.name}: {counts['created']} new, {counts['unchanged']} unchanged")

    @staticmethod
    def _editor(username):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user “{username}”")
        return user
