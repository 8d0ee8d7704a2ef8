"""job_run: what a job's page says for each way a body can end; the input files go when it ends."""

import pytest
from django.db import IntegrityError, OperationalError
from django.utils import translation

from jobs.models import JobRun
from jobs.services import JobRefused, job_files, job_folder, job_run, job_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(settings, tmp_path):
    settings.ANNALS_JOBS_DIR = tmp_path
    settings.ANNALS_JOBS_BACKEND = "db"  # queued only: these tests run the body themselves
    with translation.override("en"):
        return job_start(kind="backup", user=None, label="t", files=[("../../etc/x.csv", b"a,b\n")])


def raising(exc):
    def body(job, progress):
        progress(1, 4, "step one")
        raise exc

    return body


def test_the_input_file_is_kept_under_a_safe_name_until_the_job_ends(job):
    [path] = job_files(job)
    assert path.parent == job_folder(job) and path.name == "x.csv"
    job_run(job.pk, lambda job, progress: {"summary": ["done"]})
    job.refresh_from_db()
    assert (job.status, job.summary, job.attempts) == ("succeeded", ["done"], 1)
    assert not job_folder(job).exists()


@pytest.mark.parametrize(
    "exc, message",
    [
        (JobRefused("a.csv, line 3: bad"), "a.csv, line 3: bad"),
        (OperationalError("terminating connection due to administrator command"), "connection was lost"),
        (IntegrityError("duplicate key value"), "refused a write (duplicate key value)"),
    ],
)
def test_a_refused_or_broken_job_fails_with_one_clear_message(job, exc, message):
    job_run(job.pk, raising(exc))
    job.refresh_from_db()
    assert job.status == "failed" and len(job.errors) == 1 and message in job.errors[0]
    assert (job.done, job.total) == (1, 4)  # where it stopped


def test_an_unexpected_error_fails_the_job_and_reaches_the_task_result(job):
    with pytest.raises(ZeroDivisionError):
        job_run(job.pk, raising(ZeroDivisionError("x")))
    job.refresh_from_db()
    assert job.status == "failed" and "ZeroDivisionError" in job.errors[0]


def test_a_finished_job_is_not_run_again(job):
    job_run(job.pk, lambda job, progress: {"summary": ["first"]})
    assert job_run(job.pk, raising(AssertionError("ran twice"))) == {"skipped": "finished before"}
    assert JobRun.objects.get(pk=job.pk).summary == ["first"]
