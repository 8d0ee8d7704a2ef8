"""Annotations through export_annotations / import_annotations on the demo archive."""

import pytest
from django.core.management import CommandError

from archive.models import Annotation
from archive.services import spreadsheets as csvio
from tests.archive.spreadsheets.conftest import run, snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_archive")]


@pytest.fixture
def exported(tmp_path):
    path = tmp_path / "annotations.csv"
    run("export_annotations", "--output", str(path))
    return path


def rows_of(path):
    return path.read_bytes().decode("utf-8-sig").split("\r\n")


def write_rows(path, lines, encoding="utf-8-sig"):
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


def test_export_is_utf8_with_bom_and_one_row_per_annotation(exported):
    data = exported.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert rows_of(exported)[0] == ",".join(csvio.COLUMNS)
    assert len(csvio.read_rows(data, "a.csv")) == Annotation.objects.count() > 200


def test_reimporting_an_export_changes_nothing_and_exports_identically(exported, tmp_path):
    before = snapshot()
    out, _ = run("import_annotations", str(exported))
    assert f"0 new, 0 changed, {Annotation.objects.count()} unchanged" in out
    assert snapshot() == before
    again = tmp_path / "again.csv"
    run("export_annotations", "--output", str(again))
    assert again.read_bytes() == exported.read_bytes()


def test_import_recreates_annotations_in_an_archive_holding_the_articles(exported, tmp_path):
    count = Annotation.objects.count()
    imported = Annotation.history.filter(history_change_reason__contains="annotations.csv")
    before = imported.count()  # load_demo itself imports the demo's records/annotations.csv
    Annotation.objects.all().delete()
    out, _ = run("import_annotations", str(exported))
    assert f"{count} new" in out and Annotation.objects.count() == count
    again = tmp_path / "again.csv"
    run("export_annotations", "--output", str(again))
    assert again.read_bytes() == exported.read_bytes()
    assert imported.count() - before == count


def test_a_gb18030_copy_of_an_export_imports_with_no_change(exported, tmp_path):
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(exported.read_bytes().decode("utf-8-sig").encode("gb18030"))
    before = snapshot()
    out, _ = run("import_annotations", str(gbk))
    assert " 0 new, 0 changed" in out and snapshot() == before


def test_a_gb18030_copy_recreates_the_same_annotations(exported, tmp_path):
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(exported.read_bytes().decode("utf-8-sig").encode("gb18030"))
    Annotation.objects.all().delete()
    run("import_annotations", str(gbk))
    again = tmp_path / "again.csv"
    run("export_annotations", "--output", str(again))
    assert again.read_bytes() == exported.read_bytes()


def test_xlsx_export_imports_with_no_change_and_recreates(tmp_path, exported):
    book = tmp_path / "annotations.xlsx"
    run("export_annotations", "--output", str(book))
    assert book.read_bytes()[:2] == b"PK"
    before = snapshot()
    run("import_annotations", str(book))
    assert snapshot() == before
    Annotation.objects.all().delete()
    run("import_annotations", str(book))
    again = tmp_path / "again.csv"
    run("export_annotations", "--output", str(again))
    assert again.read_bytes() == exported.read_bytes()


def _break(lines, predicate, column, value):
    """Return (lines, line number) with column set to value in the first data row matching."""
    header = lines[0].split(",")
    for number, line in enumerate(lines[1:], start=2):
        cells = csvio.read_rows(("\r\n".join([lines[0], line])).encode(), "x.csv")[0][1]
        if predicate(cells):
            cells[column] = value
            import csv
            import io

            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="").writerow([cells[c] for c in header])
            return [*lines[: number - 1], buffer.getvalue(), *lines[number:]], number
    raise AssertionError("no row matches")


def _is_person(cells):
    return cells["target_kind"] == "person"


BROKEN = {
    "binary junk": lambda lines: (None, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "line 1"),
    "an empty file": lambda lines: (None, b"", "empty"),
    "one bad quote": lambda lines: (*_break(lines, _is_person, "quote", "不存在的引文"), "quote"),
    "an unknown person": lambda lines: (
        *_break(lines, _is_person, "target", "nobody-at-all"),
        "nobody-at-all",
    ),
    "an unknown article": lambda lines: (
        *_break(lines, _is_person, "article", "no-such-article"),
        "no-such-article",
    ),
    "a bad status": lambda lines: (*_break(lines, _is_person, "status", "approved"), "approved"),
    "a bad offset": lambda lines: (*_break(lines, _is_person, "start", "abc"), "column start"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_file_exits_non_zero_naming_the_row_and_changes_nothing(case, exported, tmp_path):
    lines, line_or_bytes, expected = BROKEN[case](rows_of(exported))
    path = tmp_path / "broken.csv"
    if lines is None:
        path.write_bytes(line_or_bytes)
        where = "line 1"
    else:
        write_rows(path, lines)
        where = f"line {line_or_bytes}"
    Annotation.objects.filter(pk__in=Annotation.objects.order_by("pk").values("pk")[:20]).delete()
    before = snapshot()
    with pytest.raises(CommandError, match="nothing imported"):
        run("import_annotations", str(path))
    assert snapshot() == before
    errors = _stderr_of(path)
    assert where in errors and expected in errors


def _stderr_of(path):
    from io import StringIO

    from django.core.management import call_command

    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_annotations", str(path), stderr=err, stdout=StringIO())
    return err.getvalue()


def test_every_bad_row_is_reported_at_once(exported, tmp_path):
    lines, first = _break(rows_of(exported), _is_person, "quote", "不存在")
    lines, second = _break(lines, lambda c: c["target_kind"] == "role", "target", "x|y|z|2001")
    lines.append(lines[1])  # a duplicate of the row on line 2
    errors = _stderr_of(write_rows(tmp_path / "bad.csv", lines))
    assert f"line {first}, column quote" in errors
    assert f"line {second}, column target: unknown role “x|y|z|2001”" in errors
    assert f"line {len(lines)}, column target: duplicate of line 2" in errors


def test_a_changed_paragraph_is_named_by_its_fingerprint(exported, tmp_path):
    lines, number = _break(rows_of(exported), _is_person, "fingerprint", "000000000000")
    lines, number = _break(lines, lambda c: c["fingerprint"] == "000000000000", "quote", "不存在")
    errors = _stderr_of(write_rows(tmp_path / "bad.csv", lines))
    assert f"line {number}, column quote" in errors and "000000000000" in errors


def test_dry_run_reports_and_writes_nothing(exported):
    Annotation.objects.filter(status="published").update(status="draft")
    before = snapshot()
    out, _ = run("import_annotations", str(exported), "--dry-run")
    assert "Would import" in out and " changed" in out
    assert snapshot() == before


def test_a_changed_row_updates_one_annotation_with_history(exported, tmp_path):
    lines, number = _break(rows_of(exported), _is_person, "comment", "checked against the print edition")
    out, _ = run("import_annotations", str(write_rows(tmp_path / "edit.csv", lines)))
    assert "0 new, 1 changed" in out
    annotation = Annotation.objects.get(comment="checked against the print edition")
    assert annotation.version == 2
    assert annotation.history.first().history_change_reason.endswith("edit.csv")


def test_progress_bar_goes_to_stderr_only_when_verbose(exported, monkeypatch):
    monkeypatch.setattr(csvio, "PROGRESS_MIN_ROWS", 10)
    monkeypatch.setattr(csvio, "BATCH", 50)
    _, err = run("import_annotations", str(exported))
    assert "%" in err and "[" in err
    _, quiet = run("import_annotations", str(exported), verbosity=0)
    assert quiet == ""


def test_bulk_import_history_rows_match_simple_history(tmp_path):
    """The database-side history copy holds the same fields as the annotation, with reason and type."""
    from django.utils import timezone

    from archive.models import Annotation
    from archive.services.history import history_copy_created
    from tests import factories

    article = factories.article()
    annotation = Annotation.objects.bulk_create(
        [
            Annotation(
                paragraph=article.paragraphs.first(),
                quote="杨猛",
                start=0,
                end=2,
                person=factories.person(),
                status="draft",
            )
        ]
    )[0]
    history_copy_created(Annotation, [annotation.pk], reason="imported from x.csv", date=timezone.now())
    record = Annotation.history.get(id=annotation.pk)
    assert (record.history_type, record.history_change_reason, record.quote, record.person_id) == (
        "+",
        "imported from x.csv",
        "杨猛",
        annotation.person_id,
    )
    assert record.instance == annotation
