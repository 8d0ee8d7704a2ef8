"""Two imports of one new file at once write one set of rows (PostgreSQL: real concurrency).

The articles a file touches are locked before its rows are read, so the second import waits,
then finds the first one's rows unchanged; the unique constraints on the annotation key are
the net beneath.
"""

import threading

import pytest
from django.db import IntegrityError, connection, connections, transaction

from archive.models import Annotation
from archive.services import spreadsheets as csvio
from core.spreadsheets import write_table
from tests import factories

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (TEST_DATABASE_URL)"),
]


def _file(article, rows=200):
    paragraph = article.paragraphs.get(position=2)
    cells = []
    for start in range(0, 40):
        for length in range(1, 6):
            cells.append(
                {
                    **dict.fromkeys(csvio.COLUMNS, ""),
                    "article": article.slug,
                    "paragraph": "2",
                    "quote": paragraph.text[start : start + length],
                    "start": str(start),
                    "end": str(start + length),
                    "target_kind": "note",
                    "note": f"n{start}-{length}",
                }
            )
    return write_table(csvio.COLUMNS, [[row[c] for c in csvio.COLUMNS] for row in cells[:rows]])


def _run_at_once(*jobs):
    barrier, results = threading.Barrier(len(jobs)), [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as exc:  # noqa: BLE001 (reported by the test)
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def test_two_concurrent_imports_of_one_new_file_write_one_set_of_rows():
    article = factories.article()
    data = _file(article)
    results = _run_at_once(*[lambda: csvio.annotations_import(data=data, filename="same.csv")] * 2)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sorted(r.created for r in results) == [0, 200]
    assert Annotation.objects.count() == 200


def test_the_annotation_key_is_unique_in_the_database_whatever_writes():
    article = factories.article()
    paragraph = article.paragraphs.first()
    person = factories.person()
    factories.cite(paragraph, "杨猛", person=person)
    with pytest.raises(IntegrityError), transaction.atomic():
        Annotation.objects.bulk_create(
            [Annotation(paragraph=paragraph, quote="杨猛", start=0, end=2, person=person)]
        )
