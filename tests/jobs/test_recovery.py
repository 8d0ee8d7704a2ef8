"""Recovery: a RUNNING task whose worker is gone goes back to READY, its JobRun to queued; a task
whose worker lives (or whose heartbeat is fresh) is left alone."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobs import recovery, tasks
from jobs.models import JobRun

pytestmark = pytest.mark.django_db


def dead_pid():
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def running(worker, *, heartbeat_age=0):
    job = JobRun.objects.create(kind="backup", label="backup", status=JobRun.Status.RUNNING)
    result = tasks.backup_all.using(backend="db").enqueue(job.pk)
    seen = timezone.now() - timedelta(seconds=heartbeat_age)
    JobRun.objects.filter(pk=job.pk).update(task_id=str(result.id), heartbeat_at=seen, started_at=seen)
    DBTaskResult.objects.filter(pk=result.id).update(status="RUNNING", worker_ids=[worker], started_at=seen)
    return job, result.id


def test_worker_ids_carry_host_and_process():
    assert recovery.parse_worker_id(recovery.worker_id("db-host-2", 4242, "abc")) == ("db-host-2", 4242)
    assert recovery.parse_worker_id("randomstring32chars") == (None, None)


def test_the_task_of_a_dead_worker_on_this_machine_is_requeued_at_once():
    job, task_id = running(recovery.worker_id(pid=dead_pid(), suffix="x"))
    alive, alive_id = running(recovery.worker_id(pid=os.getpid(), suffix="y"), heartbeat_age=10_000)
    assert recovery.tasks_requeue_stale() == [str(task_id)]
    assert DBTaskResult.objects.get(pk=task_id).status == "READY"
    assert JobRun.objects.get(pk=job.pk).status == "queued"
    assert DBTaskResult.objects.get(pk=alive_id).status == "RUNNING"  # its process lives
    assert JobRun.objects.get(pk=alive.pk).status == "running"


def test_another_machines_task_is_requeued_only_when_its_heartbeat_is_older_than_the_lease(settings):
    settings.ANNALS_JOB_LEASE_SECONDS = 60
    _fresh, fresh_id = running(recovery.worker_id("elsewhere", 1, "a"), heartbeat_age=5)
    _stale, stale_id = running(recovery.worker_id("elsewhere", 2, "b"), heartbeat_age=120)
    assert recovery.tasks_requeue_stale() == [str(stale_id)]
    assert DBTaskResult.objects.get(pk=fresh_id).status == "RUNNING"
    assert recovery.tasks_requeue_stale() == []  # a second recovery finds nothing more to do


def test_a_finished_job_run_again_does_nothing(tmp_path, settings):
    settings.VAR_DIR = tmp_path
    job = JobRun.objects.create(kind="backup", label="backup", status=JobRun.Status.SUCCEEDED)
    assert tasks.backup_all.call(job.pk) == {"skipped": "finished before"}
    assert not (tmp_path / "backups").exists()
