"""The job pages: editors follow their own jobs, superusers all; whole-archive jobs start from
the list for those allowed; the progress page refreshes itself until the job has finished."""

import pytest
from django.urls import reverse

from archive.models import Annotation
from jobs.models import JobRun
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_editor_sees_their_own_jobs_only(client, editor, reviewer):
    mine = JobRun.objects.create(kind="backup", label="我的任务", user=editor)
    theirs = JobRun.objects.create(kind="backup", label="别人的任务", user=reviewer)
    client.force_login(editor)
    listing = client.get(reverse("jobs:job-list")).content.decode()
    assert "我的任务" in listing and "别人的任务" not in listing
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(reverse("jobs:job-list"))
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


def test_an_unfinished_job_page_refreshes_itself_and_a_finished_one_does_not(client, editor):
    job = JobRun.objects.create(kind="backup", label="x", user=editor, done=3, total=10)
    client.force_login(editor)
    assert 'http-equiv="refresh"' in client.get(job.get_absolute_url()).content.decode()
    JobRun.objects.filter(pk=job.pk).update(status="succeeded", done=10)
    assert 'http-equiv="refresh"' not in client.get(job.get_absolute_url()).content.decode()


def test_an_editor_runs_the_name_suggestions_over_the_archive_as_a_job(client, editor):
    person = factories.person("杨猛")
    factories.article()
    client.force_login(editor)
    response = client.post(reverse("jobs:job-create", args=["propose_all"]))
    job = JobRun.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.status, job.done, job.total, job.user) == ("succeeded", 1, 1, editor)
    suggested = Annotation.objects.filter(person=person, status="suggested").count()
    assert suggested > 0
    client.post(reverse("jobs:job-create", args=["propose_all"]))  # again: nothing new
    assert Annotation.objects.filter(person=person, status="suggested").count() == suggested


def test_only_a_superuser_backs_up_the_archive(client, editor, django_user_model, tmp_path, settings):
    settings.VAR_DIR = tmp_path
    client.force_login(editor)
    assert client.post(reverse("jobs:job-create", args=["backup"])).status_code == 403
    assert client.get(reverse("jobs:job-create", args=["backup"])).status_code == 405
    client.force_login(django_user_model.objects.create_superuser("boss", password="x"))
    client.post(reverse("jobs:job-create", args=["backup"]))
    job = JobRun.objects.get()
    assert job.status == "succeeded", job.errors
    assert (tmp_path / "backups" / f"archive-job{job.pk}.json.gz").is_file()
    assert client.post(reverse("jobs:job-create", args=["admin_import"])).status_code == 404
