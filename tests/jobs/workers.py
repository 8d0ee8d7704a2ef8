"""Real job workers for the job and fault tests: ``manage.py jobs_worker`` processes on the test
database, which must be one another process can reach (PostgreSQL: the SQLite test database
lives in the test process's memory)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
needs_shared_database = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="a worker process needs a database it can reach: run with TEST_DATABASE_URL (PostgreSQL)",
)


def database_url():
    params = connection.settings_dict
    auth = params["USER"] + (f":{params['PASSWORD']}" if params.get("PASSWORD") else "")
    return f"postgres://{auth}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{params['NAME']}"


class Workers:
    """Start jobs_worker processes on the test database; kill what is left at the end."""

    def __init__(self, jobs_dir, log_dir):
        self.jobs_dir, self.log_dir, self.processes = jobs_dir, log_dir, []

    def start(self, **env):
        environ = {
            key: value
            for key, value in os.environ.items()
            if key not in ("TEST_DATABASE_URL", "DATABASE_URL")
        }
        environ.update(
            DJANGO_SETTINGS_MODULE="tests.settings",
            DATABASE_URL=database_url(),
            ANNALS_JOBS_DIR=str(self.jobs_dir),
            ANNALS_JOB_BEAT_SECONDS="0.2",
            PYTHONUNBUFFERED="1",
            **env,
        )
        log = open(self.log_dir / f"worker-{len(self.processes)}.log", "wb")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "jobs_worker",
                "--backend",
                "db",
                "--no-reload",
                "--interval",
                "0.2",
                "--no-startup-delay",
                "-v",
                "2",
            ],
            cwd=ROOT,
            env=environ,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.processes.append((process, log))
        return process

    def log(self, index):
        return (self.log_dir / f"worker-{index}.log").read_text(errors="replace")

    def stop_all(self):
        for process, log in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                process.wait(10)
            log.close()


def wait_for(condition, what, seconds=120):
    """Wait until condition() is true (polling the database); fail naming what did not happen."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"{what} did not happen within {seconds} s")


@pytest.fixture
def workers(tmp_path, settings):
    """jobs_worker processes on the test database, queued on the real database backend."""
    settings.ANNALS_JOBS_BACKEND = "db"
    settings.ANNALS_JOBS_DIR = tmp_path / "jobs"
    pool = Workers(settings.ANNALS_JOBS_DIR, tmp_path)
    yield pool
    pool.stop_all()
