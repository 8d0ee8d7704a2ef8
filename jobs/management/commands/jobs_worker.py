"""Run jobs: django-tasks' database worker, plus recovery of the jobs of workers that died.

    python manage.py jobs_worker [--no-reload] [--interval 1] [--batch] [--max-tasks N]

Any number may run, on any number of machines sharing the database (PostgreSQL; on SQLite, the
machine that holds the file). The worker id is ``host-pid-random``: before the first task and
every ANNALS_JOB_RECOVER_SECONDS, tasks left RUNNING by a worker that is gone are queued again
(jobs/recovery.py). Ctrl-C (SIGINT/SIGTERM) lets the current job finish; a second one stops it.
"""

import threading

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands import db_worker

from jobs import recovery, services


class Command(db_worker.Command):
    help = "Run background jobs (django-tasks database worker) and re-queue the jobs of dead workers."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=recovery.worker_id(suffix=get_random_string(8)))

    def handle(self, *args, **options):
        services.IN_WORKER = True
        if options.get("worker_id", "").count("-") < 2:
            options["worker_id"] = recovery.worker_id(suffix=options["worker_id"])
        self.recover()
        watcher = threading.Thread(target=self.keep_recovering, daemon=True, name="jobs-recovery")
        watcher.start()
        return super().handle(*args, **options)

    def recover(self):
        try:
            for task_id in recovery.tasks_requeue_stale():
                self.stderr.write(f"re-queued task {task_id}: its worker had stopped")
        except DatabaseError as exc:
            self.stderr.write(f"recovery skipped this time: {exc}")
        finally:
            if threading.current_thread() is not threading.main_thread():
                connection.close()

    def keep_recovering(self):
        stop = threading.Event()
        while not stop.wait(settings.ANNALS_JOB_RECOVER_SECONDS):
            self.recover()
