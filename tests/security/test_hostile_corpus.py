"""Every file of the hostile corpus (tests/data/hostile/make.py) through every import path:
import_annotations, import_archive, restore_archive and the admin import form. Each is refused
with a one-line reason naming the file, with nothing written, or accepted unchanged.
"""

import importlib.util
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.test import Client
from django.urls import reverse

from archive.models import Annotation, Article, Event
from archive.services.backup import backup_records
from people.models import Organization, Person
from tests import factories
from tests.security.snapshot import snapshot

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("hostile_make", ROOT / "tests/data/hostile/make.py")
make = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make)

BOMBS = [
    "xlsx_dimension_bomb.xlsx",
    "xlsx_shared_strings_bomb.xlsx",
    "zip_1gib_member.zip",
    "backup_gzip_bomb.json.gz",
]
# Files that are not hostile to an import that accepts them, and what must come out unchanged.
ACCEPTED = {
    ("import_annotations", "csv_formulae.csv"),
    ("import_archive", "csv_formulae.csv"),
    # An operator at the command line is trusted like a reviewer (see the README).
    ("import_annotations", "csv_editor_elsewhere.csv"),
    ("import_archive", "csv_editor_elsewhere.csv"),
}
TABLE_OF = {"people_": "people.csv", "roles_": "roles.csv"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make.build(tmp_path_factory.mktemp("hostile"))


@pytest.fixture
def target(db, corpus):
    """The records the corpus names, and its tampered backups made from their backup."""
    article = factories.article(title="hostile target", slug="hostile-target")
    factories.person(name="敌意", slug="hostile-person")
    factories.cite(article.paragraphs.first(), "杨猛", body="已有的笔记")
    records = json.loads(json.dumps(list(backup_records()), cls=DjangoJSONEncoder))
    make.write_backups(corpus, records)
    get_user_model().objects.create_superuser("boss", password="x")
    return article


def _table_folder(path, tmp):
    folder = tmp / path.stem
    folder.mkdir()
    table = next((t for prefix, t in TABLE_OF.items() if path.name.startswith(prefix)), "annotations.csv")
    shutil.copy(path, folder / table)
    return folder


def run_command(path_name, path, tmp):
    """Run one command on path, then roll back; return (refusal message or None, stderr)."""
    err = io.StringIO()
    if path_name == "import_archive" and path.suffix == ".csv":
        path = _table_folder(path, tmp)
    with transaction.atomic():
        if path_name == "restore_archive":
            for model in (Annotation, Event, Article, Person, Organization):  # an empty archive
                model.objects.all().delete()
        before = snapshot()
        try:
            call_command(path_name, str(path), verbosity=0, stderr=err)
            reason = None
        except CommandError as exc:
            assert snapshot() == before, f"{path_name} {path.name}: refused but wrote"
            reason = str(exc)
        transaction.set_rollback(True)
    return reason, err.getvalue()


def check_accepted(path):
    with transaction.atomic():
        call_command("import_annotations", str(path), verbosity=0)
        notes = set(Annotation.objects.values_list("body", flat=True))
        transaction.set_rollback(True)
    if path.name == "csv_formulae.csv":
        assert {" =1+1", '＝HYPERLINK("http://evil")', "\u200b=cmd|' /C calc'!A0"} <= notes


@pytest.mark.django_db(transaction=False)
def test_every_hostile_file_through_every_import_path(corpus, target, tmp_path):
    files = sorted(p for p in corpus.iterdir() if p.is_file())
    assert len(files) >= 20, "the corpus holds the bombs, the bad CSVs and the tampered backups"
    wrong = []
    for path in files:
        for path_name in ("import_annotations", "import_archive", "restore_archive"):
            reason, stderr = run_command(path_name, path, tmp_path)
            if (path_name, path.name) in ACCEPTED:
                if reason is not None:
                    wrong.append(f"{path_name} {path.name}: refused ({reason}), designed accepted")
                continue
            if reason is None:
                wrong.append(f"{path_name} {path.name}: accepted, designed refused")
            elif "\n" in reason or path.stem.split(".")[0] not in reason + stderr:
                wrong.append(
                    f"{path_name} {path.name}: the reason {reason!r} is not one line naming the file"
                )
    assert wrong == []
    check_accepted(corpus / "csv_formulae.csv")


ADMIN_IMPORTS = {"people_": "admin:people_person_import", "roles_": "admin:people_role_import"}
ADMIN_ACCEPTED = {"csv_formulae.csv", "csv_editor_elsewhere.csv"}  # a superuser may attribute rows


@pytest.mark.django_db
def test_every_hostile_table_through_the_admin_import_form(corpus, target):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(get_user_model().objects.get(username="boss"))
    wrong = []
    for path in sorted(p for p in corpus.iterdir() if p.suffix in (".csv", ".xlsx", ".zip", ".gz")):
        prefix = next((u for start, u in ADMIN_IMPORTS.items() if path.name.startswith(start)), None)
        before = snapshot()
        with path.open("rb") as upload:
            fmt = "1" if path.suffix in (".xlsx", ".zip") else "0"
            response = client.post(
                reverse(prefix or "admin:archive_annotation_import"),
                {"format": fmt, "import_file": upload, "resource": "0"},
            )
        offered = b'name="import_file_name"' in response.content
        if response.status_code != 200:
            wrong.append(f"{path.name}: HTTP {response.status_code}")
        elif snapshot() != before:
            wrong.append(f"{path.name}: the first (dry-run) step wrote")
        elif offered != (path.name in ADMIN_ACCEPTED):
            wrong.append(f"{path.name}: offered for confirmation: {offered}")
    assert wrong == []


@pytest.mark.parametrize("name", BOMBS)
def test_each_bomb_is_refused_in_bounded_memory(corpus, name):
    """Peak memory is measured in a fresh process (not a timed assertion); the README reports it."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.security.measure", str(corpus / name)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SECRET_KEY": "x" * 50, "LANG": "C.UTF-8"},
    )
    figure = json.loads(result.stdout.strip().splitlines()[-1])
    assert figure["outcome"] != "accepted"
    assert figure["growth_mb"] < 500, figure
    print(figure)  # noqa: T201 (shown with -s; the README quotes these)
    assert settings.ANNALS_MAX_UPLOAD_BYTES  # the caps come from the settings
