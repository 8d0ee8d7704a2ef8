"""Write the public careers as Wikidata QuickStatements v1 (reading/wikidata.py says what and why).

It lives in reading/ (not archive/) because it writes the public view of the archive, and
archive never imports the public site. Roles whose person or position has no Wikidata id are skipped and listed on stderr.
"""

from django.core.management.base import BaseCommand, CommandError

from people.models import WIKIDATA_ID, Person
from reading.wikidata import quickstatements


def position_pair(value):
    title, sep, item = value.rpartition("=")
    if not sep or not title.strip():
        raise CommandError(f"--position wants TITLE=Q-id, not “{value}”")
    try:
        WIKIDATA_ID(item)
    except Exception as exc:
        raise CommandError(f"--position {value}: “{item}” is not a Wikidata item id") from exc
    return title.strip(), item


class Command(BaseCommand):
    help = "Export public roles as QuickStatements v1 (P39 with dates, succession and references)."

    def add_arguments(self, parser):
        parser.add_argument("--person", help="only this person (slug)")
        parser.add_argument(
            "--position",
            action="append",
            default=[],
            help="TITLE=Q-id, the position item of a title (repeat)",
        )
        parser.add_argument(
            "--base-url", default="http://127.0.0.1:8000", help="site address for our page URLs"
        )
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args, **options):
        people = Person.objects.all()
        if options["person"]:
            people = people.filter(slug=options["person"])
            if not people.exists():
                raise CommandError(f"no person with slug “{options['person']}”")
        positions = dict(position_pair(value) for value in options["position"])
        base = options["base_url"].rstrip("/")
        lines, skipped = quickstatements(people, lambda path: base + path, positions)
        text = "".join(line + "\n" for line in lines)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as out:
                out.write(text)
        else:
            self.stdout.write(text, ending="")
        if options["verbosity"] >= 1:
            for reason in skipped:
                self.stderr.write(f"skipped {reason}")
            self.stderr.write(f"{len(lines)} statement(s), {len(skipped)} role(s) skipped")
