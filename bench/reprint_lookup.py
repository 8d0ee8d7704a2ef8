"""Time reprint candidate lookup as the archive grows: 100 archived articles, then 10,000.

    python -m bench.reprint_lookup [SIZE ...]

Works in a temporary database (see bench/harness.py). The archive holds the seed feature (000),
imported as an editor would, and synthetic articles written with the seed's own characters at
their own frequencies; one in ten quotes three sentences of the feature, as real coverage does.
The query is the seed reprint (001). Each size is timed as the median of repeated lookups
through ``archive.services.reprints.reprint_candidates`` (the SQL ``key IN (…) GROUP BY article`` on the
shingle index); the figure to watch is the ratio between the largest and smallest size.
"""

import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

SOURCES = Path(__file__).resolve().parents[1] / "archive" / "demo" / "sources"
ORIGINAL, REPRINT = SOURCES / "000_fbf63399b12ced61.txt", SOURCES / "001_5e1bf93a7904f7fc.txt"
ARTICLE_CHARS = (600, 1400)
REPEATS = 25


def measure(sizes=(100, 10_000), seed=2017):
    """Return lookup times (ms) at each archive size and the growth ratio; print them as measured.

    Synthetic rows are written in one transaction that is rolled back at the end, so the current
    database is left as it was.
    """
    from django.db import transaction

    figures, sizes = {}, sorted(sizes)
    _roomy_cache()
    with transaction.atomic():
        original = _import_original()
        writer = _Writer(seed)
        for size in sizes:
            made = writer.grow_to(size - 1)
            ms, top = _time_lookup()
            if top != original.pk:
                raise RuntimeError(f"at {size} articles the lookup did not put the original first")
            figures[f"reprint_lookup_{size}_ms"] = round(ms, 3)
            print(
                f"reprint candidate lookup, {size:>6,} archived articles: {ms:8.3f} ms (median of {REPEATS}; built in {made:.1f} s)"
            )
        transaction.set_rollback(True)
    growth = figures[f"reprint_lookup_{sizes[-1]}_ms"] / figures[f"reprint_lookup_{sizes[0]}_ms"]
    figures[f"reprint_lookup_growth_{sizes[-1] // sizes[0]}x"] = round(growth, 3)
    print(f"ratio {sizes[-1]:,} / {sizes[0]:,} articles: {growth:.2f} (target ≤ 3)")
    return figures


def _roomy_cache():
    """Give SQLite a page cache that holds the index being built, as a server's would (about 200 MB)."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -200000")


def _import_original():
    from archive.services import articles as services

    return services.article_import(
        data=ORIGINAL.read_bytes(), filename=ORIGINAL.name, title="[bench original]"
    )


def _time_lookup():
    from archive.services.reprints import reprint_candidates
    from bench.synthetic.generate import refresh_planner_statistics

    refresh_planner_statistics()  # a live database's autovacuum keeps these current
    text = REPRINT.read_text(encoding="utf-8")
    reprint_candidates(text=text)  # warm the caches, as a running site has them
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        found = reprint_candidates(text=text)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), (found[0].article_id if found else None)


class _Writer:
    """Write synthetic articles and their shingle fingerprints straight into the index tables."""

    def __init__(self, seed):
        text = ORIGINAL.read_text(encoding="utf-8")
        counts = Counter(ch for ch in text if not ch.isspace() and ch not in "，。,.、；;：:“”")
        self.chars, self.weights = list(counts), list(counts.values())
        self.quotes = [s for s in text.replace("\n", "。").split("。") if len(s) >= 12]
        self.rng, self.count = random.Random(seed), 0

    def grow_to(self, total):
        """Add synthetic articles until there are total of them; return the seconds it took."""
        started = time.perf_counter()
        while self.count < total:
            self._write(min(1000, total - self.count))
        return time.perf_counter() - started

    def _write(self, n):
        from django.db import connection

        from archive.models import Article
        from archive.services.reprints import text_keys

        first = self.count
        texts = [self._text(first + k) for k in range(n)]
        articles = Article.objects.bulk_create(
            Article(title=f"bench {first + k}", slug=f"bench-{first + k}") for k in range(n)
        )
        rows = [(article.pk, key) for article, text in zip(articles, texts) for key in text_keys(text)]
        with connection.cursor() as cursor:
            cursor.executemany("INSERT INTO archive_shinglekey (article_id, key) VALUES (%s, %s)", rows)
        self.count += n

    def _text(self, number):
        rng = self.rng
        length = rng.randrange(*ARTICLE_CHARS)
        chars = rng.choices(self.chars, self.weights, k=length)
        sentences = ["".join(chars[i : i + rng.randrange(12, 40)]) for i in range(0, length, 30)]
        if number % 10 == 0:
            sentences += rng.sample(self.quotes, 3)
            rng.shuffle(sentences)
        return "。".join(sentences) + "。"


def main(argv):
    from .harness import setup_django, temporary_database

    sizes = tuple(int(arg.replace("_", "").replace(",", "")) for arg in argv) or (100, 10_000)
    with temporary_database() as url:
        setup_django(url)
        from django.db import connection

        print(f"Reprint lookup bench on {connection.vendor}")
        measure(sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
