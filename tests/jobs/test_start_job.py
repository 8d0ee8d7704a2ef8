"""``start_job``: the batch article import (folders, zips, URL lists) queued from the command line."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from archive.models import Article
from jobs.models import JobRun

from .files import article_texts

pytestmark = pytest.mark.django_db


def test_a_folder_is_imported_as_a_job_and_a_second_run_adds_nothing(tmp_path):
    for name, data in article_texts(3):
        (tmp_path / name).write_bytes(data)
    out = StringIO()
    call_command(
        "start_job",
        "import_paths",
        str(tmp_path),
        "--outlet",
        "某某网",
        "--wait",
        stdout=out,
        stderr=StringIO(),
    )
    job = JobRun.objects.get()
    assert f"job {job.pk} queued: /admin/jobs/{job.pk}/" in out.getvalue()
    assert (job.status, job.done, job.total) == ("succeeded", 3, 3)
    assert (
        set(Article.objects.values_list("outlet", flat=True)) == {"某某网"} and Article.objects.count() == 3
    )
    call_command("start_job", "import_paths", str(tmp_path), stdout=StringIO())
    assert Article.objects.count() == 3 and JobRun.objects.latest("pk").links == []


def test_bad_arguments_are_refused_before_anything_is_queued(tmp_path):
    with pytest.raises(CommandError, match="no such file or folder"):
        call_command("start_job", "import_paths", str(tmp_path / "missing"))
    with pytest.raises(CommandError, match="needs at least one PATH"):
        call_command("start_job", "import_paths")
    with pytest.raises(CommandError, match="takes no PATH"):
        call_command("start_job", "backup", str(tmp_path))
    assert not JobRun.objects.exists()


def test_waiting_on_a_failed_job_exits_non_zero(tmp_path):
    (tmp_path / "x.txt").write_bytes(b"")  # an empty source: refused by the import
    with pytest.raises(CommandError, match="failed"):
        call_command(
            "start_job",
            "import_paths",
            str(tmp_path / "x.txt"),
            "--wait",
            stdout=StringIO(),
            stderr=StringIO(),
        )
