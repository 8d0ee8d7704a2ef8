"""Every management command that changes what is public shows on the very next anonymous visit."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from archive.services import bundles
from archive.services.spreadsheets import annotations_export
from tests.pagecache.conftest import assert_served_fresh, changed, page_urls, warm
from tests.security.test_backup import empty_database

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(client, settings, django_capture_on_commit_callbacks):
    """Return a function: cache every page, run the command, check every page; return what changed."""

    def run(urls, *args):
        before = warm(client, urls)
        with django_capture_on_commit_callbacks(execute=True):
            call_command(*args, verbosity=0)
        return changed(before, assert_served_fresh(client, urls, settings))

    return run


def test_import_article_with_publish_shows_the_article_at_once(run, world, tmp_path):
    source = tmp_path / "interview.txt"
    source.write_text("杨猛访谈\n杨猛谈中供铁军的十八年。\n", encoding="utf-8")
    shown = run(world.urls(), "import_article", str(source), "--title", "杨猛访谈", "--publish")
    assert {"/articles/", "/articles.json", "/"} & shown


def test_import_annotations_publishing_a_role_shows_at_once(run, world, tmp_path):
    path = tmp_path / "reviewed.csv"
    exported = annotations_export().decode("utf-8-sig")
    assert ",draft," in exported
    path.write_text(exported.replace(",draft,", ",published,"), encoding="utf-8")
    shown = run(world.urls(), "import_annotations", str(path))
    assert reverse("reading:person-detail-json", args=[world.person.slug]) in shown


def test_import_archive_changing_a_person_shows_at_once(run, world, tmp_path):
    files = bundles.archive_export()
    files["people.csv"] = files["people.csv"].replace(
        "阿里巴巴第598号员工".encode(), "中国内贸事业部联席总经理".encode()
    )
    bundles.write_bundle(files, tmp_path / "bundle")
    shown = run(world.urls(), "import_archive", str(tmp_path / "bundle"))
    assert reverse("reading:person-detail", args=[world.person.slug]) in shown


def test_restore_archive_shows_the_restored_archive_at_once(run, world, tmp_path):
    backup = tmp_path / "annals.json"
    call_command("backup_archive", str(backup), verbosity=0)
    urls = world.urls()
    empty_database()
    shown = run(urls, "restore_archive", str(backup))
    assert {
        "/people.json",
        "/events.json",
        reverse("reading:person-detail", args=[world.person.slug]),
    } <= shown


def test_load_demo_shows_the_demo_archive_at_once(run, db):
    shown = run(page_urls(), "load_demo")
    assert {"/", "/people.json", "/events.json", "/articles.json", "/search.json?q=杨猛"} <= shown
