"""Benchmark the annotation CSV import against raw ``bulk_create`` of the same rows.

``python -m bench.csv_import [--rows N]`` (default 100,000) prints rows/s for both and their
ratio. It never touches var/annals.sqlite3: it migrates a SQLite file in a temporary folder, or,
when DATABASE_URL names PostgreSQL, lets Django create and drop a ``test_<name>`` database.

``measure(rows)`` works on whatever database is current (bench/__main__ calls it that way): it
builds one article with enough paragraphs, 50 people and a CSV file of ``rows`` annotations in
the row format of ``archive.services.spreadsheets``; times ``annotations_import`` from the file's bytes to the
commit (decoding, parsing, checking every row, bulk inserts with history records); deletes the
annotations; then times ``Annotation.objects.bulk_create`` of the same rows, built beforehand,
in one transaction. Everything it made is deleted again.
"""

import argparse
import contextlib
import os
import sys
import tempfile
import time
from pathlib import Path

PER_PARAGRAPH = 100  # annotations per paragraph: spans 0–2, 3–5, … of a 320-character text
PEOPLE = 50
CHARS = "阿里巴巴中国供应商铁军销售区域经理主管总经理事业部成立上线创业团队客户市场业务平台电子商务网站会员企业服务发展战略"


def _paragraph_text(number):
    return "".join(CHARS[(number * 7 + j * 3) % len(CHARS)] for j in range(320))


def _fixture(rows):
    from archive.models import Article, Paragraph, fingerprint
    from people.models import Person

    stamp = f"{os.getpid()}{int(time.time())}"
    article = Article.objects.create(title=f"[bench {stamp}]", slug=f"bench-{stamp}")
    count = -(-rows // PER_PARAGRAPH)
    Paragraph.objects.bulk_create(
        (
            Paragraph(
                article=article,
                position=n,
                text=_paragraph_text(n),
                fingerprint=fingerprint(_paragraph_text(n)),
            )
            for n in range(1, count + 1)
        ),
        batch_size=1000,
    )
    people = Person.objects.bulk_create(
        Person(name=f"测试{n}", slug=f"bench-{stamp}-{n}") for n in range(PEOPLE)
    )
    return article, people


def _rows(article, people, rows):
    """Return (CSV bytes, [Annotation]) of the same rows."""
    from archive.models import Annotation, fingerprint
    from archive.services import spreadsheets as csvio
    from core.spreadsheets import write_table

    paragraphs = dict(article.paragraphs.values_list("position", "pk"))
    cells, objects = [], []
    for i in range(rows):
        position, start = i // PER_PARAGRAPH + 1, (i % PER_PARAGRAPH) * 3
        text, person = _paragraph_text(position), people[i % PEOPLE]
        row = dict(
            article=article.slug,
            paragraph=str(position),
            fingerprint=fingerprint(text),
            quote=text[start : start + 2],
            prefix=text[max(0, start - 32) : start],
            suffix=text[start + 2 : start + 34],
            start=str(start),
            end=str(start + 2),
            target_kind="person",
            target=person.slug,
            note="",
            comment="",
            status="published",
            editor="",
        )
        cells.append([row[c] for c in csvio.COLUMNS])
        objects.append(
            Annotation(
                paragraph_id=paragraphs[position],
                quote=row["quote"],
                prefix=row["prefix"],
                suffix=row["suffix"],
                start=start,
                end=start + 2,
                person_id=person.pk,
                status="published",
            )
        )
    return write_table(csvio.COLUMNS, cells), objects


def _clear(article):
    """Delete the bench's annotations and their history rows without signals (no delete history)."""
    from archive.models import Annotation

    Annotation.objects.filter(paragraph__article=article)._raw_delete(Annotation.objects.db)
    Annotation.history.filter(paragraph__article=article)._raw_delete(Annotation.objects.db)


def _remove(article, people):
    from archive.models import Paragraph
    from people.models import Person

    Paragraph.history.filter(article=article)._raw_delete(Paragraph.objects.db)
    Paragraph.objects.filter(article=article)._raw_delete(Paragraph.objects.db)
    Person.history.filter(id__in=[p.pk for p in people])._raw_delete(Person.objects.db)
    Person.objects.filter(pk__in=[p.pk for p in people])._raw_delete(Person.objects.db)
    article.history.all()._raw_delete(Paragraph.objects.db)
    article.delete()


def measure(rows=100_000) -> dict:
    """Time the CSV import and raw bulk_create of the same rows; return the figures."""
    from django.conf import settings
    from django.db import transaction
    from django.test.utils import override_settings

    from archive.models import Annotation
    from archive.services import spreadsheets as csvio

    article, people = _fixture(rows)
    try:
        data, objects = _rows(article, people, rows)
        # 100,000 rows make a ~27 MB file, past the default upload limit meant for the admin.
        with override_settings(ANNALS_MAX_UPLOAD_BYTES=max(settings.ANNALS_MAX_UPLOAD_BYTES, len(data))):
            began = time.perf_counter()
            summary = csvio.annotations_import(data=data, filename="bench.csv")
            import_seconds = time.perf_counter() - began
        assert summary.created == rows, summary
        _clear(article)
        began = time.perf_counter()
        with transaction.atomic():
            Annotation.objects.bulk_create(objects, batch_size=csvio.BATCH)
        bulk_seconds = time.perf_counter() - began
    finally:
        _clear(article)
        _remove(article, people)
    return {
        "rows": rows,
        "file_bytes": len(data),
        "import_seconds": round(import_seconds, 3),
        "import_rows_per_s": round(rows / import_seconds),
        "bulk_create_seconds": round(bulk_seconds, 3),
        "bulk_create_rows_per_s": round(rows / bulk_seconds),
        "ratio": round(bulk_seconds / import_seconds, 3),
        "import_vs_bulk_create": round(bulk_seconds / import_seconds, 3),  # the name bench/__main__ reports
    }


@contextlib.contextmanager
def throwaway_database():
    """Point Django at a database made for this run, and remove it afterwards."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    url = os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory(prefix="annals-bench-") as folder:
        if not url.startswith(("postgres://", "postgresql://", "pgsql://")):
            os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        import django
        from django.core.management import call_command
        from django.db import connection

        django.setup()
        if connection.vendor == "sqlite":
            call_command("migrate", verbosity=0)
            yield connection
            return
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            yield connection
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.csv_import", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rows", type=int, default=100_000, help="annotation rows to import (default 100000)"
    )
    args = parser.parse_args(argv)
    with throwaway_database() as connection:
        result = measure(args.rows)
    print(
        f"CSV import of {result['rows']:,} annotation rows on {connection.vendor}: "
        f"{result['import_rows_per_s']:,} rows/s ({result['import_seconds']} s, checks and history included)"
    )
    print(
        f"raw bulk_create of the same rows: {result['bulk_create_rows_per_s']:,} rows/s ({result['bulk_create_seconds']} s)"
    )
    print(f"ratio import / bulk_create: {result['ratio']:.2f} (target ≥ 0.25)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
