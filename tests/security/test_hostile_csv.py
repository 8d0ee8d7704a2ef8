"""Hostile CSV: markup in cells stays text everywhere; formulae are neutralised on export;
oversized, binary and garbled uploads are refused in the admin with a message, nothing written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.models import Annotation
from archive.services import spreadsheets as csvio
from core.spreadsheets import read_table, write_table
from tests import factories
from tests.security import hostile
from tests.security.snapshot import snapshot

pytestmark = pytest.mark.django_db
IMPORT = "admin:archive_annotation_import"


@pytest.fixture
def yang(article):
    return factories.person("杨猛", slug="yang-meng")


def csv_of(rows):
    return write_table(csvio.COLUMNS, [[row.get(column, "") for column in csvio.COLUMNS] for row in rows])


def note_row(article, note, comment, status="published"):
    text = article.paragraphs.get(position=1).text
    return {
        "article": article.slug,
        "paragraph": "1",
        "quote": "杨猛",
        "start": str(text.index("杨猛")),
        "end": str(text.index("杨猛") + 2),
        "target_kind": "note",
        "note": note,
        "comment": comment,
        "status": status,
    }


def test_markup_in_csv_cells_is_stored_as_text_and_shown_escaped(client, article, make_user):
    note, comment = hostile.hostile("note"), hostile.hostile("comment")
    csvio.annotations_import(data=csv_of([note_row(article, note, comment)]), filename="x.csv")
    annotation = Annotation.objects.get(body=note)
    assert annotation.comment == comment
    pages = [
        article.get_absolute_url(),
        reverse("reading:article-detail-json", kwargs={"slug": article.slug}),
    ]
    client.force_login(make_user("boss", superuser=True))
    pages += [
        reverse("admin:archive_annotation_changelist"),
        reverse("admin:archive_annotation_change", args=[annotation.pk]),
    ]
    for url in pages:
        body = client.get(url).content.decode()
        for marker in hostile.RAW_MARKERS:
            assert marker not in body, f"{url}: {marker}"


@pytest.mark.parametrize(
    "formula", ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1"]
)
def test_formulae_in_exported_cells_are_neutralised_and_read_back_whole(article, formula):
    csvio.annotations_import(data=csv_of([note_row(article, formula, formula)]), filename="x.csv")
    exported = csvio.annotations_export()
    headers, rows = read_table(exported, "export.csv")
    note = rows[0][1][headers.index("note")]
    assert note == formula
    raw_cells = exported.decode("utf-8-sig")
    assert f",'{formula[0]}" in raw_cells or f",\"'{formula[0]}" in raw_cells


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="text/csv")


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("junk.csv", b"\x00\x01\x02\x03binary\xff", "binary data"),
        ("empty.csv", b"", "empty"),
        ("latin1.csv", "article,note\ncaf\xe9,cr\xe8me\n".encode("latin-1"), "not valid UTF-8"),
        ("broken.csv", b'article,paragraph\n"unterminated,1\n', "CSV"),
    ],
)
def test_bad_uploads_in_the_admin_import_get_a_message_and_write_nothing(
    client, reviewer, article, name, data, message
):
    client.force_login(reviewer)
    before = snapshot()
    response = client.post(
        reverse(IMPORT), {"format": 0, "import_file": upload(name, data)}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert snapshot() == before


def test_an_oversized_upload_is_refused_in_the_admin_with_the_limit_named(
    client, reviewer, article, settings
):
    settings.ANNALS_MAX_UPLOAD_BYTES = 2000
    client.force_login(reviewer)
    big = csv_of([note_row(article, "注" * 400, "")]) * 3
    response = client.post(reverse(IMPORT), {"format": 0, "import_file": upload("big.csv", big)})
    page = response.content.decode()
    assert response.status_code == 200 and "big.csv" in page and "ANNALS_MAX_UPLOAD_BYTES" in page
    assert "confirm_form" not in response.context
    assert not Annotation.objects.exists()


def test_an_oversized_csv_is_refused_by_the_command_too(tmp_path, article, settings):
    from django.core.management import CommandError, call_command

    settings.ANNALS_MAX_UPLOAD_BYTES = 100
    path = tmp_path / "big.csv"
    path.write_bytes(csv_of([note_row(article, "注" * 100, "")]))
    with pytest.raises(CommandError):
        call_command("import_annotations", str(path), verbosity=0)
    assert not Annotation.objects.exists()


def test_a_very_long_cell_is_refused_with_a_reason_not_a_crash(article):
    row = note_row(article, "长" * 200_000, "")
    with pytest.raises(csvio.ImportFailed) as failure:
        csvio.annotations_import(data=csv_of([row]), filename="long.csv")
    assert "field larger than field limit" in str(failure.value.errors[0])
    assert not Annotation.objects.exists()
