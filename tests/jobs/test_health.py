"""/livez: the process alone; /healthz: database, cache and the job queue, from django-health-check."""

from datetime import timedelta

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobs import tasks
from jobs.models import JobRun
from pagecache.middleware import HIT_HEADER

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


UNREACHABLE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing answers there
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


def test_livez_answers_ok_without_asking_the_database_or_the_cache(client, django_assert_num_queries):
    with override_settings(CACHES=UNREACHABLE_CACHE), django_assert_num_queries(0):
        with pytest.raises(redis.exceptions.ConnectionError):
            caches["default"].get("anything")  # the cache really is unreachable
        response = client.get("/livez")
    assert response.status_code == 200 and response.content == b"ok"
    assert response["Cache-Control"] == "no-store" and not response.has_header(HIT_HEADER)


@pytest.mark.django_db(transaction=True)
def test_livez_stays_ok_while_readiness_fails(client, settings):
    settings.ANNALS_QUEUE_MAX_WAIT_SECONDS = 600
    job = JobRun.objects.create(kind="backup", label="backup")
    result = tasks.backup_all.using(backend="db").enqueue(job.pk)
    DBTaskResult.objects.filter(pk=result.id).update(enqueued_at=timezone.now() - timedelta(hours=1))
    assert client.get("/healthz").status_code == 500
    assert client.get("/livez").content == b"ok"


def test_livez_refuses_a_post(client):
    assert client.post("/livez").status_code == 405
