"""Benchmark the batch import of sources: a folder of 100 articles, as ``import_articles`` reads it.

``python -m bench.imports [--articles N]`` (default 100) works in a throwaway database (SQLite in
a temporary folder, or a test database on the PostgreSQL server DATABASE_URL names).

``measure(articles)`` works on whatever database is current (bench/__main__ can call it that
way). It writes ``articles`` files to a temporary folder: the two demo seeds and the labelled
pages of tests/data/pages (text, markdown and HTML; UTF-8, GB18030 and Big5) as they are, then
copies of them each with a reprint notice of its own added in the file's own encoding, so every
file is new by fingerprint and most are reprints to detect and align, as in a real archive. It
times ``articles_import_batch`` over the folder (reading, decoding, extraction, classification,
reprint detection and alignment, one transaction per article), then deletes what it made.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "archive" / "demo" / "sources", ROOT / "tests" / "data" / "pages"]
SUFFIXES = {".txt", ".md", ".html"}


def originals():
    """Return (name, bytes) of every demo seed and labelled page."""
    files = sorted(p for folder in SOURCES for p in folder.iterdir() if p.suffix in SUFFIXES)
    return [(p.name, p.read_bytes()) for p in files if not p.name.endswith(".kinds.txt")]


def variant(name, data, number):
    """Return the bytes of a reprint of a source: a notice line of its own at the end, same encoding."""
    from textkit.encoding import decode_bytes

    decoded = decode_bytes(data)
    traditional = "big5" in decoded.encoding
    notice = (
        f"本文轉載自第{number}號網站，版權歸原作者所有。"
        if traditional
        else f"本文转载自第{number}号网站，版权归原作者所有。"
    )
    if name.endswith(".html"):
        text = decoded.text.replace("</body>", f"<p>{notice}</p></body>", 1)
    else:
        text = decoded.text.rstrip() + f"\n\n{notice}\n"
    return text.encode(decoded.encoding.removesuffix("-sig"))


def write_batch(folder, articles):
    """Write articles source files to folder; return their total size in bytes."""
    sources = originals()
    total = 0
    for n in range(articles):
        name, data = sources[n % len(sources)]
        if n >= len(sources):
            data = variant(name, data, n)
        path = folder / f"{n:03}-{name}"
        path.write_bytes(data)
        total += len(data)
    return total


def measure(articles=100) -> dict:
    """Time the batch import of articles files; return the figures."""
    from archive.models import Article, Paragraph
    from archive.services import sources

    before = set(Article.objects.values_list("pk", flat=True))
    with tempfile.TemporaryDirectory(prefix="annals-bench-imports-") as folder:
        size = write_batch(Path(folder), articles)
        began = time.perf_counter()
        report = sources.articles_import_batch(items=sources.batch_items([folder]))
        seconds = time.perf_counter() - began
    made = [article.pk for _name, article in report.imported]
    try:
        assert not report.refused and len(made) == articles, report.refused
        reprints = len(report.reprints)
    finally:
        Paragraph.history.filter(article_id__in=made).delete()
        Article.history.filter(id__in=made).delete()
        Article.objects.filter(pk__in=made).exclude(pk__in=before).delete()
    return {
        "import_batch_articles": articles,
        "import_batch_bytes": size,
        "import_batch_reprints": reprints,
        "import_batch_seconds": round(seconds, 2),
        "import_batch_articles_per_s": round(articles / seconds, 1),
        "import_batch_mb_per_s": round(size / seconds / 1e6, 3),
    }


def main(argv=None):
    from .csv_import import throwaway_database

    parser = argparse.ArgumentParser(prog="python -m bench.imports", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100, help="articles in the batch (default 100)")
    args = parser.parse_args(argv)
    with throwaway_database() as connection:
        result = measure(args.articles)
    print(
        f"batch import of {result['import_batch_articles']} articles ({result['import_batch_bytes']:,} bytes, "
        f"{result['import_batch_reprints']} reprints) on {connection.vendor}: {result['import_batch_seconds']} s"
    )
    print(f"  import_batch_articles_per_s  {result['import_batch_articles_per_s']}")
    print(f"  import_batch_mb_per_s        {result['import_batch_mb_per_s']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
