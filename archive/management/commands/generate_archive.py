"""Fill the database with a synthetic archive of a chosen size, reproducible from a seed.

    python manage.py generate_archive --articles 10000 --people 20000 --annotations 1000000 --seed 7

Meant for benchmarks and for trying the public pages at scale, never for a production archive:
everything is invented (names, organisations, careers, articles, reprints and annotations).
"""

import time

from django.core.management.base import BaseCommand, CommandError

from archive.synthetic import archive_generate

LIMITS = {"articles": 100_000, "people": 200_000, "annotations": 10_000_000}


def count(name):
    def parse(value):
        try:
            number = int(value)
        except ValueError:
            raise CommandError(f"--{name}: {value!r} is not a whole number") from None
        if not 0 <= number <= LIMITS[name]:
            raise CommandError(f"--{name}: {number} is outside 0–{LIMITS[name]:,}")
        return number

    return parse


class Command(BaseCommand):
    help = "Create a synthetic archive (people, careers, organisations, events, articles, reprints, annotations)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=count("articles"),
            default=200,
            help="articles, a fifth of them reprints (default 200)",
        )
        parser.add_argument(
            "--people", type=count("people"), default=400, help="people, each with a career (default 400)"
        )
        parser.add_argument(
            "--annotations",
            type=count("annotations"),
            default=5000,
            help="annotations on the originals (default 5000)",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="the same seed gives the same archive (default 1)"
        )

    def handle(self, *args, articles, people, annotations, seed, verbosity, **options):
        if articles < 1 or people < 1:
            raise CommandError("--articles and --people must be at least 1")
        started = time.perf_counter()
        progress = (lambda message: self.stdout.write(f"  {message}")) if verbosity >= 2 else None
        counts = archive_generate(
            articles=articles, people=people, annotations=annotations, seed=seed, progress=progress
        )
        if verbosity >= 1:
            summary = ", ".join(f"{value:,} {name}" for name, value in counts.items())
            self.stdout.write(
                self.style.SUCCESS(
                    f"Generated {summary} in {time.perf_counter() - started:.1f} s (seed {seed})."
                )
            )
