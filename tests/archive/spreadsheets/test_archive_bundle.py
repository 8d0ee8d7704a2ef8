"""The whole archive through export_archive / import_archive (folder or zip), all or nothing."""

import csv
import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from archive.models import Annotation, Event
from people.models import Organization, Person, Role
from tests.archive.spreadsheets.conftest import run, snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_archive")]
TABLES = ["organizations.csv", "people.csv", "roles.csv", "events.csv", "annotations.csv"]


@pytest.fixture
def bundle(tmp_path):
    path = tmp_path / "archive.zip"
    run("export_archive", "--output", str(path))
    return path


def files_of(path):
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_export_writes_one_csv_per_table(bundle, tmp_path):
    assert sorted(files_of(bundle)) == sorted(TABLES)
    run("export_archive", "--output", str(tmp_path / "folder"))
    assert {name: (tmp_path / "folder" / name).read_bytes() for name in TABLES} == files_of(bundle)


def test_reimporting_the_bundle_changes_nothing(bundle):
    before = snapshot()
    out, _ = run("import_archive", str(bundle))
    assert out.count(" 0 new, 0 changed") == len(TABLES)
    assert snapshot() == before


def test_bundle_recreates_every_record_in_an_archive_holding_only_the_articles(bundle, tmp_path):
    Annotation.objects.all().delete()
    Event.objects.all().delete()
    Role.objects.all().delete()
    Person.objects.all().delete()
    Organization.objects.all().delete()
    run("import_archive", str(bundle))
    again = tmp_path / "again.zip"
    run("export_archive", "--output", str(again))
    assert files_of(again) == files_of(bundle)


def _edit(bundle, tmp_path, name, match, column, value):
    """Write the bundle to a folder with one cell changed; return (folder, line of that row)."""
    files = files_of(bundle)
    reader = csv.reader(io.StringIO(files[name].decode("utf-8-sig"), newline=""))
    rows, lines = [], []
    for row in reader:
        lines.append(reader.line_num - sum(cell.count("\n") for cell in row))  # the line the row starts on
        rows.append(row)
    header = rows[0]
    index = next(n for n, row in enumerate(rows) if n and match(dict(zip(header, row))))
    rows[index][header.index(column)] = value
    number = lines[index]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    files[name] = out.getvalue().encode("utf-8-sig")
    folder = tmp_path / "edited"
    folder.mkdir(exist_ok=True)
    for table, data in files.items():
        (folder / table).write_bytes(data)
    return folder, number


def _errors(path):
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import_archive", str(path), stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def test_bad_edtf_in_roles_names_file_line_and_column_and_changes_nothing(bundle, tmp_path):
    folder, line = _edit(
        bundle, tmp_path, "roles.csv", lambda row: row["start_edtf"], "start_edtf", "2002-13-45"
    )
    before = snapshot()
    errors = _errors(folder)
    assert f"line {line}, column roles.csv:start_edtf" in errors
    assert snapshot() == before


def test_unknown_records_are_named_across_tables_at_once(bundle, tmp_path):
    folder, event_line = _edit(
        bundle,
        tmp_path,
        "events.csv",
        lambda row: row["participants"],
        "participants",
        "ma-yun|nobody-at-all",
    )
    people = (folder / "people.csv").read_bytes().decode("utf-8-sig").split("\r\n")
    (folder / "people.csv").write_bytes("\r\n".join([*people[:-1], people[1], ""]).encode("gb18030"))
    before = snapshot()
    errors = _errors(folder)
    assert f"line {event_line}, column events.csv:participants" in errors and "nobody-at-all" in errors
    assert f"line {len(people)}, column people.csv:slug" in errors and "duplicate" in errors
    assert snapshot() == before


def test_dry_run_keeps_nothing(bundle):
    Annotation.objects.all().delete()
    before = snapshot()
    out, _ = run("import_archive", str(bundle), "--dry-run")
    assert "Checked annotations.csv" in out and snapshot() == before


def test_junk_instead_of_a_bundle_is_refused(tmp_path):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"\x00\x01not a zip")
    assert "neither a folder nor a .zip" in _errors(junk)
