"""A failure in the middle of an import leaves the archive exactly as it was (failures injected)."""

import csv
import io
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from archive.models import Alignment, Annotation, Article, Paragraph
from archive.services import articles as services
from archive.services import bundles, reprints
from archive.services import spreadsheets as csvio
from people.models import Person
from tests.security.snapshot import snapshot

SEED = Path(__file__).resolve().parents[2] / "archive" / "demo" / "sources" / "001_5e1bf93a7904f7fc.txt"


class Injected(RuntimeError):
    """The failure a test injects."""


@pytest.fixture
def demo_snapshot(demo_archive, db):
    return snapshot()


def then_fail(real, calls):
    """Return a stand-in that does the real work, records it, then raises."""

    def stand_in(*args, **kwargs):
        result = real(*args, **kwargs)
        calls.append(result)
        raise Injected("injected after the real call")

    return stand_in


def import_seed():
    call_command("import_article", str(SEED), "--published-on", "2017-09-12", stdout=StringIO())


def test_the_seed_reprint_imports_and_aligns_when_nothing_fails(demo_snapshot):
    import_seed()
    copy = Article.objects.latest("pk")
    assert copy.raw_filename == SEED.name and copy.reprint_of is not None
    assert Alignment.objects.filter(paragraph__article=copy).exists(), (
        "the injection points below are reached"
    )


def test_failure_after_the_paragraphs_are_written_rolls_the_import_back(demo_snapshot, monkeypatch):
    calls = []
    monkeypatch.setattr(Paragraph.objects, "bulk_create", then_fail(Paragraph.objects.bulk_create, calls))
    with pytest.raises(Injected):
        import_seed()
    assert calls and len(calls[0]) == 46, "46 paragraphs were written before the failure"
    assert snapshot() == demo_snapshot


def test_failure_after_the_reprint_is_aligned_rolls_everything_back(demo_snapshot, monkeypatch):
    calls = []
    monkeypatch.setattr(reprints, "article_align", then_fail(reprints.article_align, calls))
    with pytest.raises(Injected):
        import_seed()
    assert calls and calls[0], "alignments were written before the failure"
    assert snapshot() == demo_snapshot


def test_failure_in_classification_writes_nothing(demo_snapshot, monkeypatch):
    def broken(data, **kwargs):
        raise Injected("classifier broke")

    # Classification happens inside textkit.sources.read_source, the one reader of a source.
    monkeypatch.setattr(services, "read_source", broken)
    with pytest.raises(Injected):
        import_seed()
    assert snapshot() == demo_snapshot


def annotations_csv(rows_changed=5, rows_added=5):
    """Return the demo's annotations export with some comments changed and some notes added."""
    text = csvio.annotations_export().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows[:rows_changed]:
        row["comment"] = "checked again"
    spans = {(row["article"], row["paragraph"], row["start"], row["end"]): row for row in rows}
    for row in list(spans.values())[:rows_added]:
        rows.append({**row, "target_kind": "note", "target": "", "note": "a new note", "comment": ""})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def test_the_csv_import_works_when_nothing_fails(demo_snapshot, tmp_path):
    path = tmp_path / "annotations.csv"
    path.write_bytes(annotations_csv())
    before = Annotation.objects.count()
    call_command("import_annotations", str(path), stdout=StringIO(), stderr=StringIO())
    assert Annotation.objects.count() == before + 5
    assert Annotation.objects.filter(comment="checked again").count() == 5


@pytest.mark.parametrize("step", ["history_copy_created", "bulk_update_with_history"])
def test_failure_in_the_middle_of_a_csv_import_rolls_it_back(demo_snapshot, tmp_path, monkeypatch, step):
    path = tmp_path / "annotations.csv"
    path.write_bytes(annotations_csv())
    calls = []
    monkeypatch.setattr(csvio, step, then_fail(getattr(csvio, step), calls))
    with pytest.raises(Injected):
        call_command("import_annotations", str(path), stdout=StringIO(), stderr=StringIO())
    assert calls, f"{step} ran before the failure"
    assert snapshot() == demo_snapshot


def test_failure_in_the_annotations_of_a_bundle_rolls_back_its_people_too(
    demo_snapshot, tmp_path, monkeypatch
):
    files = bundles.archive_export()
    assert "annotations.csv" in files and "people.csv" in files
    people = files["people.csv"].decode("utf-8-sig").splitlines()
    files["people.csv"] = "\n".join(
        people + [people[-1].replace(people[-1].split(",")[0], "a-new-person-slug", 1)]
    ).encode("utf-8")
    calls = []
    real = csvio.annotations_import
    monkeypatch.setattr(
        csvio,
        "annotations_import",
        then_fail(
            lambda **kw: (real(**kw), Person.objects.filter(slug="a-new-person-slug").exists())[1], calls
        ),
    )
    with pytest.raises(Injected):
        bundles.archive_import(files=files)
    assert calls == [True], "the new person and the annotations were written before the failure"
    assert snapshot() == demo_snapshot
