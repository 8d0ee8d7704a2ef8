"""Load the demo archive (both seed articles and their curated annotations); safe to run again."""

from django.core.management.base import BaseCommand, CommandError

from archive.services.demo import DemoDataError, demo_load


class Command(BaseCommand):
    help = "Load the demo archive from archive/demo/. Idempotent: a second run changes nothing."

    def handle(self, *args, **options):
        try:
            counts = demo_load()
        except (DemoDataError, OSError) as exc:
            raise CommandError(f"demo archive not loaded: {exc}") from exc
        if options["verbosity"] >= 1:
            summary = ", ".join(f"{count} {name}" for name, count in counts.items())
            self.stdout.write(self.style.SUCCESS(f"Demo archive loaded: {summary}."))
