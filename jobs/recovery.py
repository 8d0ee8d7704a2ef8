"""Re-queue the tasks of workers that died mid-job, so that another worker runs them again.

django-tasks' database worker marks a task RUNNING when it claims it and never looks at it
again: a worker killed with SIGKILL (or a machine that lost power) leaves it RUNNING forever.
Every jobs_worker names itself ``host-pid-random`` and, when it starts and then every
ANNALS_JOB_RECOVER_SECONDS, puts back to READY each RUNNING task whose worker is gone:

- a worker on this machine is gone when its process no longer exists;
- a worker on another machine is gone when the job's heartbeat (written every
  ANNALS_JOB_BEAT_SECONDS while it runs) is older than ANNALS_JOB_LEASE_SECONDS.

The update is conditional (``status = RUNNING``), so of several workers recovering at once one
wins. Running a job twice is safe: see jobs/services.py.
"""

import logging
import os
import socket
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .models import JobRun

logger = logging.getLogger(__name__)
READY, RUNNING = "READY", "RUNNING"


def worker_id(host=None, pid=None, suffix=""):
    """Return a worker id the recovery can read back: ``host-pid-suffix`` (at most 64 characters)."""
    host = (host or socket.gethostname())[:40]
    return f"{host}-{pid or os.getpid()}-{suffix}"[:64]


def parse_worker_id(value):
    """Return (host, pid) of a worker id made by worker_id(), or (None, None)."""
    parts = str(value).rsplit("-", 2)
    if len(parts) == 3 and parts[1].isascii() and parts[1].isdigit():
        return parts[0], int(parts[1])
    return None, None


def process_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def worker_gone(task, job, now):
    """Return whether the worker running task (and job, when there is one) is gone."""
    host, pid = parse_worker_id(task.worker_ids[-1] if task.worker_ids else "")
    if host == socket.gethostname()[:40] and pid is not None:
        return not process_alive(pid)
    lease = timedelta(seconds=settings.ANNALS_JOB_LEASE_SECONDS)
    seen = (job.heartbeat_at or job.started_at) if job else None
    return (seen or task.started_at or now) < now - lease


def tasks_requeue_stale(now=None):
    """Put back to READY every RUNNING task whose worker is gone; return the task ids."""
    now = now or timezone.now()
    requeued = []
    for task in DBTaskResult.objects.running():
        job = JobRun.objects.filter(task_id=str(task.id)).first()
        if not worker_gone(task, job, now):
            continue
        with transaction.atomic():
            moved = DBTaskResult.objects.filter(pk=task.pk, status=RUNNING).update(
                status=READY, started_at=None
            )
            if moved and job is not None:
                JobRun.objects.filter(pk=job.pk, status=JobRun.Status.RUNNING).update(
                    status=JobRun.Status.QUEUED, step=f"re-queued: worker {task.worker_ids[-1]} stopped"
                )
        if moved:
            logger.warning("re-queued task %s: its worker %s is gone", task.pk, task.worker_ids[-1:])
            requeued.append(str(task.pk))
    return requeued
