"""The database connection of a worker broken mid-import (pg_terminate_backend from a second
connection): the import's transaction is rolled back, the job says so plainly, nothing is
written, and the worker goes on to the next job."""

import pytest
from django.db import connection

from archive.models import Annotation
from jobs.models import JobRun
from tests import factories
from tests.jobs.files import notes_csv
from tests.jobs.test_admin_import_job import confirm_import
from tests.jobs.workers import needs_shared_database, wait_for

pytestmark = [pytest.mark.postgres, needs_shared_database, pytest.mark.django_db(transaction=True)]

# The import's transaction has been open since its first row (twenty rows at 0.05 s each). The
# job's beat thread writes progress on a connection of its own in transactions of milliseconds:
# caught mid-commit it also holds an xid, so age tells the two apart.
IMPORTING = """
    SELECT pid FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL
      AND clock_timestamp() - xact_start > interval '500 milliseconds'
"""


def terminate_the_importing_backend():
    with connection.cursor() as cursor:
        cursor.execute(IMPORTING)
        pids = [row[0] for row in cursor.fetchall()]
        for pid in pids:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    return pids


def test_a_connection_killed_mid_import_rolls_back_with_a_clear_message(client, workers, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", password="x"))
    article = factories.article()
    confirm_import(client, notes_csv(article, rows=200))
    worker = workers.start(ANNALS_JOB_STEP_DELAY="0.05")
    wait_for(lambda: JobRun.objects.get().done >= 20, "the import reaching mid-file")
    assert len(terminate_the_importing_backend()) == 1  # the import's own transaction

    wait_for(lambda: JobRun.objects.get().finished, "the job recording its failure")
    job = JobRun.objects.get()
    assert job.status == "failed" and len(job.errors) == 1, job.errors
    # In the language of the editor who confirmed (the test client's: Chinese, or English).
    assert any(words in job.errors[0] for words in ("connection was lost", "数据库连接中断"))
    assert any(words in job.errors[0] for words in ("rolled back", "事务已回滚"))
    assert not Annotation.objects.exists()
    assert worker.poll() is None  # the worker survived and serves the queue

    confirm_import(client, notes_csv(article, rows=200))  # the same file again, now undisturbed
    wait_for(lambda: JobRun.objects.filter(status="succeeded").exists(), "the second job finishing")
    assert Annotation.objects.count() == 200
