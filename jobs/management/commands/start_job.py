"""Queue a job from the command line; a worker (jobs_worker) runs it.

    python manage.py start_job import_paths FOLDER|FILE.zip|URLS.txt ... [--outlet NAME] [--wait]
    python manage.py start_job propose_all [--wait]
    python manage.py start_job backup [--wait]

Prints the job's number and its admin page. With --wait, follows its progress on stderr until
it has finished, prints the summary and errors, and exits non-zero when it failed.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jobs.models import JobRun
from jobs.services import job_start

KINDS = {
    "import_paths": "Import articles from {paths}",
    "propose_all": "Suggest known names in every article",
    "backup": "Back up the whole archive",
}


class Command(BaseCommand):
    help = "Queue a background job (import_paths, propose_all, backup) for jobs_worker to run."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument(
            "paths", nargs="*", metavar="PATH", help="for import_paths: folders, zips, URL lists"
        )
        parser.add_argument("--outlet", default="", help="for import_paths: the outlet of every article")
        parser.add_argument("--wait", action="store_true", help="follow the job until it has finished")

    def handle(self, *args, kind, paths, outlet, wait, **options):
        self.verbosity, params = options["verbosity"], {}
        if kind == "import_paths":
            if not paths:
                raise CommandError("import_paths needs at least one PATH")
            missing = [p for p in paths if not Path(p).exists()]
            if missing:
                raise CommandError(f"{missing[0]}: no such file or folder")
            params = {"paths": [str(Path(p).resolve()) for p in paths], "outlet": outlet}
        elif paths:
            raise CommandError(f"{kind} takes no PATH")
        label = KINDS[kind].format(paths=", ".join(paths))
        job = job_start(kind=kind, user=None, label=label, params=params)
        self.stdout.write(f"job {job.pk} queued: {job.get_absolute_url()}")
        if wait:
            self.follow(job)

    def follow(self, job):
        while not job.finished:
            time.sleep(1)
            job.refresh_from_db()
            if self.verbosity:
                total = "?" if job.total is None else job.total
                self.stderr.write(
                    f"\r{job.get_status_display()} {job.done}/{total} {job.step[:60]}", ending=""
                )
        self.stderr.write("")
        for line in job.summary:
            self.stdout.write(line)
        for error in job.errors:
            self.stderr.write(error)
        if job.status == JobRun.Status.FAILED:
            raise CommandError(f"job {job.pk} failed")
