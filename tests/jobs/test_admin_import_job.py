"""A large admin import runs as a job on the database backend, in a real worker process, and
its page shows the progress and then the result."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.models import Annotation
from jobs.models import JobRun
from tests import factories

from .files import notes_csv
from .workers import needs_shared_database, wait_for

pytestmark = [pytest.mark.postgres, needs_shared_database, pytest.mark.django_db(transaction=True)]


def confirm_import(client, data, name="notes.csv"):
    """Upload data for the annotation import, then confirm its preview; return the response."""
    preview = client.post(
        reverse("admin:archive_annotation_import"),
        {"format": 0, "import_file": SimpleUploadedFile(name, data, content_type="text/csv")},
    )
    assert preview.status_code == 200 and "confirm_form" in preview.context, preview.content[-2000:]
    return client.post(
        reverse("admin:archive_annotation_process_import"), {**preview.context["confirm_form"].initial}
    )


def test_a_confirmed_import_is_queued_and_a_worker_runs_it_with_progress(client, workers, django_user_model):
    boss = django_user_model.objects.create_superuser("boss", password="x")
    client.force_login(boss)
    article = factories.article()
    response = confirm_import(client, notes_csv(article))
    job = JobRun.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    queued = client.get(job.get_absolute_url()).content.decode()
    assert job.status == "queued" and 'http-equiv="refresh"' in queued
    assert not Annotation.objects.exists()  # nothing runs in the request

    workers.start()
    wait_for(lambda: JobRun.objects.get().finished, "the worker finishing the job")
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.attempts) == ("succeeded", 200, 200, 1), job.errors
    assert Annotation.objects.count() == 200
    page = client.get(job.get_absolute_url()).content.decode()
    assert job.summary[0] in page and "200" in job.summary[0] and 'http-equiv="refresh"' not in page
    assert not any(workers.jobs_dir.rglob("*.csv"))  # the job's input is removed once done
