"""Fill a database with a synthetic archive of a chosen size, reproducible from a seed.

    python -m bench.generate --articles 10000 --people 20000 --annotations 1000000 --seed 7

Meant for benchmarks and for trying the public pages at scale, never for a production archive:
everything is invented (names, organisations, careers, articles, reprints and annotations). It
writes to the database DATABASE_URL names (the project's settings), so production, which does
not ship bench/, cannot run it by mistake through manage.py.
"""

import argparse
import os
import sys
import time

LIMITS = {"articles": 100_000, "people": 200_000, "annotations": 10_000_000}


def count(name):
    def parse(value):
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
        if not 0 <= number <= LIMITS[name]:
            raise argparse.ArgumentTypeError(f"{number} is outside 0–{LIMITS[name]:,}")
        return number

    return parse


def parser():
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=count("articles"), default=200, help="articles, a fifth reprints")
    parser.add_argument("--people", type=count("people"), default=400, help="people, each with a career")
    parser.add_argument("--annotations", type=count("annotations"), default=5000, help="annotations")
    parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same archive")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    return parser


def main(argv=None):
    args = parser().parse_args(argv)
    if args.articles < 1 or args.people < 1:
        parser().error("--articles and --people must be at least 1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from bench.synthetic.generate import archive_generate

    started = time.perf_counter()
    counts = archive_generate(
        articles=args.articles, people=args.people, annotations=args.annotations, seed=args.seed
    )
    if not args.quiet:
        summary = ", ".join(f"{value:,} {name}" for name, value in counts.items())
        print(f"Generated {summary} in {time.perf_counter() - started:.1f} s (seed {args.seed}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
