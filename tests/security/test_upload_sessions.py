"""Import previews: the upload waits in a private folder of its session, is removed on confirm
or cancel, and a confirm naming another session's upload is refused with nothing imported."""

import os
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from archive.models import Annotation
from core import uploads
from jobs.models import JobRun
from tests import factories
from tests.jobs.files import notes_csv

pytestmark = pytest.mark.django_db
IMPORT = reverse("admin:archive_annotation_import")
CONFIRM = reverse("admin:archive_annotation_process_import")


@pytest.fixture
def client():
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def private_dir(tmp_path, settings):
    settings.ANNALS_UPLOADS_DIR = tmp_path / "uploads"
    settings.ANNALS_JOBS_DIR = tmp_path / "jobs"
    return settings.ANNALS_UPLOADS_DIR


def preview(client, data):
    response = client.post(IMPORT, {"format": 0, "import_file": SimpleUploadedFile("a.csv", data)})
    assert "confirm_form" in response.context
    return response.context["confirm_form"].initial


def stored(folder):
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_the_upload_waits_in_the_sessions_private_folder_until_confirmed(client, reviewer, private_dir):
    client.force_login(reviewer)
    initial = preview(client, notes_csv(factories.article(), rows=5))
    [path] = stored(private_dir)
    assert path.name == initial["import_file_name"] and oct(path.stat().st_mode & 0o777) == "0o600"
    assert path.parent == uploads.session_folder(client.session.session_key)
    response = client.post(CONFIRM, initial)
    assert response.status_code == 302 and Annotation.objects.count() == 5
    assert stored(private_dir) == []
    again = client.post(CONFIRM, initial, follow=True)  # a double click: the file has gone
    assert "not an upload of this session" in again.content.decode() and Annotation.objects.count() == 5


def test_cancel_removes_the_upload_and_imports_nothing(client, reviewer, private_dir):
    client.force_login(reviewer)
    response = client.post(
        IMPORT,
        {"format": 0, "import_file": SimpleUploadedFile("a.csv", notes_csv(factories.article(), rows=5))},
    )
    assert 'name="cancel"' in response.content.decode()
    initial = response.context["confirm_form"].initial
    response = client.post(CONFIRM, {**initial, "cancel": "1"})
    assert response.status_code == 302 and stored(private_dir) == []
    assert not Annotation.objects.exists() and not JobRun.objects.exists()


def test_another_sessions_upload_is_refused_and_nothing_imported(client, reviewer, private_dir):
    client.force_login(reviewer)
    initial = preview(client, notes_csv(factories.article(), rows=5))
    other = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    other.force_login(reviewer)  # the same user in another browser: another session
    for name in (initial["import_file_name"], "../" + initial["import_file_name"], "/etc/passwd"):
        response = other.post(CONFIRM, {**initial, "import_file_name": name}, follow=True)
        assert response.status_code == 200
        assert "不是本会话上传的文件" in response.content.decode()
    assert not Annotation.objects.exists() and not JobRun.objects.exists()
    assert len(stored(private_dir)) == 1  # still there for its own session


def test_uploads_older_than_the_limit_are_purged(private_dir, settings):
    settings.ANNALS_UPLOAD_MAX_AGE_SECONDS = 3600
    storage = uploads.SessionUploadStorage(session_key="s1")
    storage.save(b"old")
    old = storage._path()
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    uploads.SessionUploadStorage(session_key="s2").save(b"new")
    assert not old.exists() and len(stored(private_dir)) == 1
