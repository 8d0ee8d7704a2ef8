"""Start jobs and run their bodies: progress, heartbeat, result and errors on the JobRun.

A job's body is written to be run again: the imports it calls are all-or-nothing and idempotent
by key or content fingerprint, so a job re-queued after its worker died (jobs/recovery.py)
finishes with nothing doubled. Input files wait in a private folder (``ANNALS_JOBS_DIR``, never
served) until the job has finished.
"""

import contextlib
import logging
import os
import shutil
import socket
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connection,
    transaction,
)
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend

from .models import JobRun
from .registry import KINDS

logger = logging.getLogger(__name__)
# Set by the jobs_worker command: progress is then written by a thread of its own, so that it
# shows while a long transaction runs (and the heartbeat proves the worker alive).
IN_WORKER = False


class JobRefused(ValueError):
    """The job's input is refused: the message names the problem and its place."""


def job_folder(job):
    return Path(settings.ANNALS_JOBS_DIR) / str(job.pk)


def job_start(*, kind, user, label, params=None, files=()):
    """Record a job, keep its input files, queue it on the jobs backend; return the JobRun.

    ``files`` are (name, bytes or an iterable of chunks) pairs; names are reduced to their last
    part. With the database backend the task row is written in the same transaction as the
    JobRun, so a worker never sees one without the other.
    """
    params = {"language": translation.get_language() or settings.LANGUAGE_CODE, **(params or {})}
    queued = isinstance(task_backends[settings.ANNALS_JOBS_BACKEND], DatabaseBackend)
    # The immediate backend (tests) runs the job inside enqueue: no transaction may hold it.
    with transaction.atomic() if queued else contextlib.nullcontext():
        job = JobRun.objects.create(kind=kind, user=user, label=label[:300], params=params)
        _keep_files(job, files)
        _enqueue(job)
    job.refresh_from_db()
    return job


def _keep_files(job, files):
    if not files:
        return
    folder = job_folder(job)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    for name, content in files:
        with open(folder / _safe_name(name, folder), "wb") as handle:
            for chunk in [content] if isinstance(content, bytes) else content:
                handle.write(chunk)


def _safe_name(name, folder):
    base = os.path.basename(str(name).replace("\\", "/")).lstrip(".") or "file"
    candidate, n = base, 1
    while (folder / candidate).exists():
        n += 1
        candidate = f"{n}-{base}"
    return candidate


def _enqueue(job):
    result = KINDS[job.kind].task.using(backend=settings.ANNALS_JOBS_BACKEND).enqueue(job.pk)
    JobRun.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id))


class Progress:
    """Rows done of the total and the current step; written at most once a second."""

    def __init__(self, job):
        self.job, self.done, self.total, self.step = job, 0, None, ""
        self._written, self._lock = 0.0, threading.Lock()

    def __call__(self, done, total=None, step=""):
        with self._lock:
            self.done, self.total = done, total if total is not None else self.total
            self.step = str(step)[:300] or self.step
        delay = settings.ANNALS_JOB_STEP_DELAY  # fault tests: a worker killed mid-job
        if delay:
            time.sleep(delay)
        if not IN_WORKER and not connection.in_atomic_block and time.monotonic() - self._written > 1:
            self.write()

    def write(self):
        """Save progress and the heartbeat (from the job's thread or the beat thread)."""
        with self._lock:
            done, total, step = self.done, self.total, self.step
        if total is not None:
            done = min(done, total)
        JobRun.objects.filter(pk=self.job.pk).update(
            done=done, total=total, step=step, heartbeat_at=timezone.now()
        )
        self._written = time.monotonic()


class _Beat(threading.Thread):
    """Write a running job's progress and heartbeat every ANNALS_JOB_BEAT_SECONDS."""

    def __init__(self, progress):
        super().__init__(daemon=True, name=f"job-{progress.job.pk}-beat")
        self.progress, self.stopped = progress, threading.Event()

    def run(self):
        try:
            while not self.stopped.wait(settings.ANNALS_JOB_BEAT_SECONDS):
                try:
                    self.progress.write()
                except DatabaseError:
                    close_old_connections()  # SQLite busy under a long import: try again
        finally:
            connection.close()


def job_run(job_id, body):
    """Run a job's body in the language of the editor who started it (its summary and errors)."""
    language = JobRun.objects.filter(pk=job_id).values_list("params__language", flat=True).first()
    with translation.override(language or settings.LANGUAGE_CODE):
        return _job_run(job_id, body)


def _job_run(job_id, body):
    """Run body(job, progress) for JobRun job_id; record its outcome. A finished job is not run again.

    body returns {"summary": [...], "links": [...], "errors": [...], "failed": bool}; errors fail
    the job unless "failed" says otherwise (a batch that imported the rest lists what it refused).
    """
    job = _claim(job_id)
    if job is None:
        return {"skipped": "finished before"}
    progress, beat = Progress(job), None
    if IN_WORKER:
        beat = _Beat(progress)
        beat.start()
    try:
        outcome = body(job, progress)
    except JobRefused as exc:
        outcome = {"errors": [str(exc)]}
    except (OperationalError, InterfaceError) as exc:
        logger.warning("job %s lost the database: %s", job_id, exc)
        if not connection.in_atomic_block:
            connection.close()  # the next query opens a new connection
        outcome = {"errors": [_database_lost(exc)]}
    except DatabaseError as exc:  # a constraint or a value the database refused: the rows, not the line
        outcome = {
            "errors": [
                _("The database refused a write (%(reason)s); nothing was written.")
                % {"reason": _first_line(exc)}
            ]
        }
    except Exception as exc:
        _finish(
            job,
            progress,
            {
                "errors": [
                    _("Unexpected error (%(name)s); nothing was written.") % {"name": type(exc).__name__}
                ]
            },
        )
        raise
    finally:
        if beat is not None:
            beat.stopped.set()
            beat.join(settings.ANNALS_JOB_BEAT_SECONDS + 30)
    _finish(job, progress, outcome)
    return {"status": job.status, "summary": job.summary, "errors": job.errors[:20]}


def _first_line(exc):
    return str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__


def _database_lost(exc):
    first = _first_line(exc)
    return _(
        "The database connection was lost during the job (%(reason)s): its transaction was rolled "
        "back and nothing was written. Start the job again."
    ) % {"reason": first}


def _claim(job_id):
    with transaction.atomic():
        job = JobRun.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.finished:
            return None
        job.status, job.attempts = JobRun.Status.RUNNING, job.attempts + 1
        job.host, job.pid = socket.gethostname()[:255], os.getpid()
        job.started_at = job.heartbeat_at = timezone.now()
        job.errors, job.summary = [], []
        job.save()
    return job


def _finish(job, progress, outcome):
    errors = [str(e) for e in outcome.get("errors", [])]
    failed = outcome.get("failed", bool(errors))
    job.status = JobRun.Status.FAILED if failed else JobRun.Status.SUCCEEDED
    job.total = progress.total if progress.total is not None else job.total
    job.done = min(progress.done, job.total) if job.total is not None else progress.done
    if not failed and job.total is not None:
        job.done = job.total
    job.summary = [str(line) for line in outcome.get("summary", [])]
    job.links = [[str(text), str(url)] for text, url in outcome.get("links", [])]
    job.errors, job.step = errors[:1000], ""
    job.finished_at = job.heartbeat_at = timezone.now()
    job.save()
    shutil.rmtree(job_folder(job), ignore_errors=True)


def job_files(job):
    """Return the job's input files, in name order."""
    folder = job_folder(job)
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
