import pytest

from tests.jobs.workers import Workers


@pytest.fixture
def workers(tmp_path, settings):
    """jobs_worker processes on the test database, queued on the real database backend."""
    settings.ANNALS_JOBS_BACKEND = "db"
    settings.ANNALS_JOBS_DIR = tmp_path / "jobs"
    pool = Workers(settings.ANNALS_JOBS_DIR, tmp_path)
    yield pool
    pool.stop_all()
