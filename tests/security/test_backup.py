"""Back up the demo archive, empty the database, restore: every public page and JSON is identical."""

import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.db import connection, transaction

from archive.models import Annotation, Article
from archive.services.backup import history_labels
from people.models import Role
from tests.security.urls import public_urls

pytestmark = pytest.mark.django_db
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


def render_all(client):
    """Return {url: (status, body)} for every public JSON and list page and a third of the
    HTML detail pages (they render what their JSON holds), with per-request tokens blanked."""
    caches["default"].clear()
    pages = {}
    urls = public_urls()
    html_details = [url for url in urls if url.endswith("/") and url.count("/") > 2]
    for url in [url for url in urls if url not in html_details] + html_details[::3]:
        response = client.get(url)
        pages[url] = (response.status_code, CSRF.sub(b"csrf", response.content))
    return pages


def empty_database():
    """Empty the archive, its history and the users, as a freshly migrated database is."""
    models = [m for app in ("people", "archive") for m in apps.get_app_config(app).get_models()]
    user = get_user_model()
    tables = [m._meta.db_table for m in models] + [
        user._meta.db_table,
        user.groups.through._meta.db_table,
        user.user_permissions.through._meta.db_table,
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE refuses pending deferred checks
        for sql in connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=True):
            cursor.execute(sql)


@pytest.fixture(scope="module")
def demo_archive_with_editor(django_db_setup, django_db_blocker):
    """Load the demo archive once for the module, with one annotation by an editor."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        editor = get_user_model().objects.create_user("ed", password="pw-ed", is_staff=True)
        editor.groups.set([Group.objects.get(name="Editors")])
        Annotation.objects.filter(pk=Annotation.objects.order_by("pk").first().pk).update(editor=editor)
        yield editor
        transaction.set_rollback(True)


@pytest.fixture
def demo_with_editor(demo_archive_with_editor, db):
    return demo_archive_with_editor


def test_restore_into_an_empty_database_reproduces_every_public_page(client, demo_with_editor, tmp_path):
    before = render_all(client)
    assert len(before) > 100 and all(status == 200 for status, _ in before.values())
    backup = tmp_path / "annals.json.gz"
    call_command("backup_archive", str(backup), verbosity=0)
    raw_files = dict(Article.objects.values_list("slug", "raw_file"))
    role_ids = sorted(Role.objects.values_list("pk", "person__slug", "title"))
    empty_database()
    assert Article.objects.count() == 0 and get_user_model().objects.count() == 0
    call_command("restore_archive", str(backup), verbosity=0)
    assert render_all(client) == before
    assert sorted(Role.objects.values_list("pk", "person__slug", "title")) == role_ids, (
        "cited #role-<id> links survive"
    )
    assert {slug: bytes(raw) for slug, raw in Article.objects.values_list("slug", "raw_file")} == {
        slug: bytes(raw) for slug, raw in raw_files.items()
    }
    restored = Annotation.objects.exclude(editor=None).get()
    assert restored.editor.username == "ed" and restored.editor.groups.get().name == "Editors"


def test_a_backup_with_history_brings_the_history_back(demo_with_editor, tmp_path):
    counts = {label: apps.get_model(label).objects.count() for label in history_labels()}
    assert counts["archive.historicalannotation"] > 0
    backup = tmp_path / "annals.json"
    call_command("backup_archive", str(backup), "--with-history", verbosity=0)
    empty_database()
    call_command("restore_archive", str(backup), verbosity=0)
    assert {label: apps.get_model(label).objects.count() for label in history_labels()} == counts
    annotation = Annotation.objects.order_by("pk").first()
    assert annotation.history.count() >= 1, "history rows still point at their records"


def test_a_plain_backup_leaves_history_and_bookkeeping_out(demo_with_editor, tmp_path):
    backup = tmp_path / "annals.json"
    call_command("backup_archive", str(backup), verbosity=0)
    text = backup.read_text(encoding="utf-8")
    for label in history_labels() + [
        "contenttypes.contenttype",
        "auth.permission",
        "sessions.session",
        "archive.contentversion",
    ]:
        assert f'"model": "{label}"' not in text, label
    assert '"model": "archive.paragraph"' in text and '"model": "auth.group"' in text


def test_restore_refuses_a_database_that_holds_an_archive(demo_with_editor, tmp_path):
    backup = tmp_path / "annals.json"
    call_command("backup_archive", str(backup), verbosity=0)
    with pytest.raises(CommandError, match="already holds 2 archive.Article"):
        call_command("restore_archive", str(backup), verbosity=0)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x00\xffjunk", "not a loadable backup"),
        (
            b'[{"model": "archive.article", "fields": {"title": "x", "slug": "x", "published_edtf": "2017-13-45"}}]',
            "not a loadable backup",
        ),
        (b"", "not a loadable backup"),
    ],
)
def test_a_damaged_backup_is_refused_and_nothing_is_written(demo_with_editor, tmp_path, content, message):
    empty_database()
    backup = tmp_path / "damaged.json"
    backup.write_bytes(content)
    with pytest.raises(CommandError, match=message) as error:
        call_command("restore_archive", str(backup), verbosity=0)
    assert "\n" not in str(error.value)
    assert Article.objects.count() == 0


def test_backup_names_must_say_their_format(db, tmp_path):
    with pytest.raises(CommandError, match=r"must end in \.json"):
        call_command("backup_archive", str(tmp_path / "annals.zip"), verbosity=0)
