"""A worker killed with SIGKILL mid-job: the next worker re-queues the job and finishes it, with
nothing doubled (the imports are all-or-nothing, and idempotent by key or content fingerprint).

The job steps slowly here (ANNALS_JOB_STEP_DELAY, a setting for these tests) so that the kill
lands mid-job; the second worker runs at full speed.
"""

import os
import signal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count
from django.urls import reverse

from archive.models import Annotation, Article
from jobs.models import JobRun
from tests import factories
from tests.jobs.files import article_texts, notes_csv
from tests.jobs.test_admin_import_job import confirm_import
from tests.jobs.workers import needs_shared_database, wait_for

pytestmark = [pytest.mark.postgres, needs_shared_database, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def boss(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", password="x")
    client.force_login(user)
    return user


def kill_mid_job(workers, *, done_at_least):
    """Start a slow worker, kill -9 it once the job reports done_at_least steps; return the job."""
    first = workers.start(ANNALS_JOB_STEP_DELAY="0.1")
    wait_for(lambda: JobRun.objects.get().done >= done_at_least, "the first worker reaching mid-job")
    os.kill(first.pid, signal.SIGKILL)
    first.wait(10)
    job = JobRun.objects.get()
    assert job.status == "running" and not job.finished  # left behind by the dead worker
    return job


def finish_with_second_worker(workers):
    second = workers.start()
    wait_for(lambda: JobRun.objects.get().finished, "the second worker finishing the job")
    job = JobRun.objects.get()
    assert "re-queued task" in workers.log(1), workers.log(1)
    assert second.poll() is None  # it carries on serving the queue
    return job


def test_a_killed_annotation_import_is_retried_and_writes_each_row_once(client, boss, workers):
    article = factories.article()
    confirm_import(client, notes_csv(article, rows=200))
    kill_mid_job(workers, done_at_least=20)
    assert not Annotation.objects.exists()  # the dead worker's transaction was rolled back

    job = finish_with_second_worker(workers)
    assert (job.status, job.attempts, job.done, job.total) == ("succeeded", 2, 200, 200), job.errors
    assert Annotation.objects.count() == 200
    keys = Annotation.objects.values("paragraph", "start", "end", "body").annotate(n=Count("pk"))
    assert keys.filter(n__gt=1).count() == 0


def test_a_killed_batch_of_articles_is_retried_and_imports_each_article_once(client, boss, workers):
    texts = article_texts(8)
    uploads = [SimpleUploadedFile(name, data) for name, data in texts]
    response = client.post(reverse("admin:archive_article_import_files"), {"files": uploads})
    assert response.status_code == 302
    kill_mid_job(workers, done_at_least=3)
    imported_before = Article.objects.count()
    assert 0 < imported_before < 8  # each article commits on its own: some came in

    job = finish_with_second_worker(workers)
    assert (job.status, job.attempts, job.errors) == ("succeeded", 2, [])
    assert Article.objects.count() == 8
    assert Article.objects.values("raw_sha256").distinct().count() == 8
    # The retry imported only the rest: the others it found by their content and left alone.
    assert len(job.links) == 8 - imported_before
