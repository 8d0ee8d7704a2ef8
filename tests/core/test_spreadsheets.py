"""Formula injection (OWASP): cells starting with = + - @ tab CR NUL are written as text."""

import csv
import io

import openpyxl
import pytest

from archive.services import spreadsheets as csvio
from core.spreadsheets import (
    StrictCSV,
    StrictXLSX,
    neutralise,
    read_table,
    restore,
    write_table,
)
from people.resources import PersonResource
from tests import factories

DANGEROUS = [
    '=HYPERLINK("http://evil")',
    "+1+2",
    "-2+3",
    "@SUM(A1)",
    "\tcmd",
    "\rcmd",
    "\0x",
    "'=already",
    "''+twice",
]
HARMLESS = ["杨猛", "'tis", "a=b", "", "'", "1-2"]


@pytest.mark.parametrize("value", DANGEROUS)
def test_dangerous_values_gain_a_leading_apostrophe_and_come_back_intact(value):
    assert neutralise(value) == "'" + value
    assert restore(neutralise(value)) == value


@pytest.mark.parametrize("value", HARMLESS)
def test_harmless_values_are_left_alone(value):
    assert neutralise(value) == value and restore(value) == value


def test_csv_cells_are_neutralised_and_read_back_unchanged():
    data = write_table(["a"], [[v] for v in DANGEROUS + HARMLESS])
    written = [row[0] for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))][1:]
    assert written[: len(DANGEROUS)] == ["'" + v for v in DANGEROUS]
    assert written[len(DANGEROUS) :] == HARMLESS
    assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r", "\0") for cell in written if cell)
    # NUL never reaches the database (PostgreSQL refuses it) and marks a file as binary on reading.
    readable = [v for v in DANGEROUS + HARMLESS if "\0" not in v]
    _, rows = read_table(write_table(["a"], [[v] for v in readable]), "a.csv")
    assert [cells[0] for _, cells in rows] == [v for v in readable if v]


def test_xlsx_cells_are_text_not_formulae_and_read_back_unchanged():
    values = [v for v in DANGEROUS if "\0" not in v and "\r" not in v]  # XML cannot carry NUL or a lone CR
    data = write_table(["a"], [[v] for v in values], "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert all(cell.data_type == "s" and cell.value.startswith("'") for cell in cells)
    _, rows = read_table(data, "a.xlsx")
    assert [cells[0] for _, cells in rows] == values


@pytest.mark.django_db
def test_annotation_export_escapes_a_comment_and_an_import_restores_it(article, tmp_path):
    annotation = factories.cite(article.paragraphs.first(), "杨猛", person=factories.person())
    annotation.comment = "=cmd|' /C calc'!A0"
    annotation.save()
    for fmt in ("csv", "xlsx"):
        data = csvio.annotations_export(fmt=fmt)
        _, rows = read_table(data, f"a.{fmt}")
        assert rows[0][1][csvio.COLUMNS.index("comment")] == annotation.comment
        raw = data.decode("utf-8-sig") if fmt == "csv" else ""
        assert fmt == "xlsx" or "'=cmd" in raw
        summary = csvio.annotations_import(data=data, filename=f"a.{fmt}")
        assert summary.unchanged == 1


@pytest.mark.django_db
def test_admin_export_formats_escape_authority_records():
    factories.person("杨猛", description="@SUM(1+1)*cmd|' /C calc'!A0")
    dataset = PersonResource().export()
    csv_text = StrictCSV().export_data(dataset).decode("utf-8-sig")
    assert ",'@SUM(1+1)" in csv_text
    sheet = openpyxl.load_workbook(io.BytesIO(StrictXLSX().export_data(dataset))).active
    assert sheet["C2"].value.startswith("'@SUM") and sheet["C2"].data_type == "s"
