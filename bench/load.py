"""A bounded load test on loopback: 50 readers for 60 s while an editor imports annotation CSVs.

    python -m bench.load [--quick] [--readers N] [--seconds S] [--json FILE]

Builds a temporary database (SQLite, or a fresh database on the PostgreSQL server DATABASE_URL
names) with the demo archive, serves it with gunicorn on a free 127.0.0.1 port, and runs two
things at once: readers fetching public pages and JSON over keep-alive connections
(bench/readers.py), and an editor process importing one CSV of new published annotations after
another with ``manage.py import_annotations``. Afterwards it counts the annotations: every row of every
successful import must be there. Prints requests per second, p50/p95 latency, errors and lost
writes; exits non-zero on any error or lost write. ``--quick`` runs for 10 s.
"""

import argparse
import csv
import io
import itertools
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

from .readers import read, summary

ROOT = Path(__file__).resolve().parent.parent
READERS, SECONDS, QUICK_SECONDS = 50, 60, 10
ROWS_PER_IMPORT = 100


def measure(quick=False) -> dict:
    """Run the load test in its own process (its own database and settings); return its figures."""
    with tempfile.TemporaryDirectory(prefix="annals-load-") as folder:
        out = Path(folder) / "load.json"
        command = [sys.executable, "-m", "bench.load", "--json", str(out)] + (["--quick"] if quick else [])
        subprocess.run(command, cwd=ROOT, check=False, stdout=subprocess.DEVNULL, timeout=SECONDS * 5)
        if not out.exists():
            raise RuntimeError("bench.load wrote no figures (see `python -m bench.load` for the reason)")
        return json.loads(out.read_text(encoding="utf-8"))


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help=f"run for {QUICK_SECONDS} s instead of {SECONDS} s"
    )
    parser.add_argument("--readers", type=int, default=READERS)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--json", metavar="FILE", help="also write the figures to FILE")
    args = parser.parse_args(argv)
    seconds = args.seconds or (QUICK_SECONDS if args.quick else SECONDS)
    from .harness import temporary_database

    with temporary_database() as url:
        figures = run(url, readers=args.readers, seconds=seconds)
    for key, value in figures.items():
        print(f"{key:28} {value}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    failed = figures["load_errors"] or figures["load_lost_writes"] or figures["load_failed_imports"]
    return 1 if failed or not figures["load_requests"] or not figures["load_imports"] else 0


def run(url, *, readers, seconds):
    """Load the demo into the database at url, then read and write at once; return the figures."""
    from .harness import setup_django
    from .server import gunicorn

    env = setup_django(url)
    from django.core.management import call_command

    from archive.models import Annotation

    call_command("load_demo", verbosity=0)
    paths = public_paths()
    batches = csv_batches()
    before = Annotation.objects.count()
    with gunicorn(env) as port:
        editor = Editor(env, batches, deadline=time.monotonic() + seconds)
        reads = read_load(port, paths, readers=readers, seconds=seconds, editor=editor)
        editor.join()
    written = Annotation.objects.count() - before
    return {
        "load_readers": readers,
        "load_seconds": seconds,
        "load_paths": len(paths),
        **reads,
        "load_imports": editor.imports,
        "load_failed_imports": editor.failures,
        "load_rows_imported": editor.rows,
        "load_rows_written": written,
        "load_lost_writes": editor.rows - written,
    }


def public_paths():
    """Return the public pages and JSON the readers cycle through."""
    from archive import public

    paths = [
        "/",
        "/articles/",
        "/articles.json",
        "/people/",
        "/people.json?q=yang",
        "/events/",
        "/events.json",
        "/search/?q=杨猛",
    ]
    for records, prefix in (
        (public.articles(), "articles"),
        (public.people(), "people"),
        (public.events(), "events"),
    ):
        for slug in records.values_list("slug", flat=True)[:8]:
            paths += [f"/{prefix}/{slug}/", f"/{prefix}/{slug}.json"]
    return [quote(path, safe="/?=&.") for path in paths]


def csv_batches():
    """Return CSV files (bytes) of new published note annotations, ROWS_PER_IMPORT rows each."""
    from archive.models import Paragraph
    from archive.services import spreadsheets as csvio

    spans = (
        (paragraph, start)
        for paragraph in Paragraph.objects.filter(kind="body").select_related("article").order_by("pk")
        for start in range(0, len(paragraph.text) - 4, 3)
    )
    batches = []
    for chunk in iter(lambda: list(itertools.islice(spans, ROWS_PER_IMPORT)), []):
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["article", "paragraph", "quote", "start", "end", "target_kind", "note", "status"])
        for paragraph, start in chunk:
            writer.writerow(
                [
                    paragraph.article.slug,
                    paragraph.position,
                    paragraph.text[start : start + 4],
                    start,
                    start + 4,
                    "note",
                    f"load test note {paragraph.pk}-{start}",
                    "published",
                ]
            )
        batches.append(out.getvalue().encode("utf-8"))
    assert set(csvio.COLUMNS) >= {
        "article",
        "paragraph",
        "quote",
        "start",
        "end",
        "target_kind",
        "note",
        "status",
    }
    return batches


class Editor(threading.Thread):
    """Import one CSV batch after another with `manage.py import_annotations` until the deadline."""

    def __init__(self, env, batches, *, deadline):
        super().__init__()
        self.env, self.batches, self.deadline = {**os.environ, **env}, batches, deadline
        self.imports = self.failures = self.rows = 0
        self.errors = []

    def run(self):
        with tempfile.TemporaryDirectory(prefix="annals-editor-") as folder:
            for number, batch in enumerate(self.batches):
                if time.monotonic() >= self.deadline:
                    return
                path = Path(folder) / f"batch-{number}.csv"
                path.write_bytes(batch)
                result = subprocess.run(
                    [sys.executable, "manage.py", "import_annotations", str(path), "-v", "0"],
                    cwd=ROOT,
                    env=self.env,
                    capture_output=True,
                    text=True,
                    timeout=300,
                )
                self.imports += 1
                if result.returncode == 0:
                    self.rows += batch.count(b"\n") - 1
                else:
                    self.failures += 1
                    self.errors.append(result.stderr.strip().splitlines()[-1:])


def read_load(port, paths, *, readers, seconds, editor):
    """GET paths round-robin from `readers` keep-alive connections for `seconds` while the editor
    imports; return the figures."""

    def edit():
        editor.start()  # after the readers' processes are forked: this process then has threads
        time.sleep(seconds)

    records = read(port, paths, readers=readers, until=edit)
    served = summary(records)
    failed = next((paths[index] for index, _, _, ok, _ in records if not ok), "")
    return {
        "load_requests": served["requests"],
        "load_errors": served["errors"],
        "load_first_error": failed,
        "load_req_per_s": served["req_per_s"],
        "load_p50_ms": served["p50_ms"],
        "load_p95_ms": served["p95_ms"],
    }


if __name__ == "__main__":
    sys.exit(main())
