"""/healthz: database, cache and the job queue, from django-health-check."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobs import tasks
from jobs.models import JobRun

pytestmark = pytest.mark.django_db


def test_a_healthy_site_answers_ok_and_lists_each_check_as_json(client):
    assert client.get("/healthz").content == b"ok"
    checks = client.get("/healthz", HTTP_ACCEPT="application/json").json()
    assert set(checks) == {"Database(alias='default')", "Cache(alias='default')", "QueueCheck()"}
    assert set(checks.values()) == {"OK"}


@pytest.mark.django_db(transaction=True)  # the checks run in threads of their own: rows must be committed
def test_a_job_waiting_too_long_for_a_worker_makes_the_queue_unhealthy(client, settings):
    settings.ANNALS_QUEUE_MAX_WAIT_SECONDS = 600
    job = JobRun.objects.create(kind="backup", label="backup")
    result = tasks.backup_all.using(backend="db").enqueue(job.pk)
    assert client.get("/healthz").status_code == 200  # just queued
    DBTaskResult.objects.filter(pk=result.id).update(enqueued_at=timezone.now() - timedelta(hours=1))
    response = client.get("/healthz")
    assert response.status_code == 500
    assert "QueueCheck" in response.content.decode() and "is a worker running?" in response.content.decode()
