"""What a spreadsheet does to an exported CSV, and what the import makes of it.

The mutated files are built the way LibreOffice saves a CSV it opened with its default import
settings ("detect special numbers", "save cell content as shown"): UTF-8 without BOM, LF line
ends, quotes only where needed, and every cell that looks like a number, date or time rewritten
as the sheet shows it — ``007`` → ``7``, ``1e5`` → ``100000``, ``123456789012345678`` →
``1.23456789012346E+017``, ``2017-09-12`` → ``2017-09-12 00:00:00``, ``13:32`` → ``01:32:00 PM``.
"""

import csv
import datetime
import io
import math
import re

import openpyxl
import pytest
from django.utils import translation

from archive.models import Annotation, Article
from archive.resources import EventResource
from archive.services import spreadsheets as csvio
from archive.services.annotation_rows import AnnotationRowReader, ImportFailed
from core.spreadsheets import StrictCSV, StrictXLSX, number_reading, read_table, spreadsheet_number
from tests import factories
from tests.archive.spreadsheets.conftest import snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_archive")]

NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def as_a_spreadsheet_shows(cell):
    """Return a cell as LibreOffice writes it back after reading it as a number, date or time."""
    if NUMBER.fullmatch(cell):
        number = float(cell)
        if not math.isfinite(number):
            return cell  # too large for a number: kept as text
        if abs(number) >= 1e15:  # more digits than a double shows: scientific notation
            mantissa, exponent = f"{number:.14E}".split("E")
            mantissa = mantissa.rstrip("0").rstrip(".")
            return f"{mantissa}E{exponent[0]}{int(exponent[1:]):03d}"
        return str(int(number)) if number.is_integer() else f"{number:.15g}"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell):
        return cell + " 00:00:00"
    time = re.fullmatch(r"(\d{1,2}):(\d{2})", cell)
    if time and int(time[1]) < 24:
        hour = int(time[1])
        return f"{hour % 12 or 12:02d}:{time[2]}:00 {'AM' if hour < 12 else 'PM'}"
    return cell


def resaved(data):
    """Return CSV bytes as LibreOffice saves them after opening them."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(rows[0])
    writer.writerows([as_a_spreadsheet_shows(cell) for cell in row] for row in rows[1:])
    return out.getvalue().encode("utf-8")


def test_the_mutations_are_what_a_spreadsheet_makes_of_the_cells():
    assert [as_a_spreadsheet_shows(v) for v in ("007", "1e5", "123456789012345678", "13:32")] == [
        "7",
        "100000",
        "1.23456789012346E+017",
        "01:32:00 PM",
    ]
    assert as_a_spreadsheet_shows("2017-09-12") == "2017-09-12 00:00:00"
    assert as_a_spreadsheet_shows("杨猛") == "杨猛"


def test_number_readings_are_recognised():
    assert number_reading("007", "7") and number_reading("1e5", "100000")
    assert number_reading("123456789012345678", "1.23456789012346E+017")
    assert not number_reading("7", "7") and not number_reading("007", "8")
    assert not number_reading("杨猛", "7") and not number_reading("", "0")
    assert spreadsheet_number("1.23456789012346E+017") and spreadsheet_number("1.23456789012346E+17")
    assert not spreadsheet_number("1e5") and not spreadsheet_number("E+017")


def line_of(data, annotation):
    """Return the file line of an annotation's row (header is line 1)."""
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    for line, row in enumerate(rows, 1):
        if line > 1 and int(row[6]) == annotation.start and row[3] == annotation.quote:
            if int(row[1]) == annotation.paragraph.position and row[0] == annotation.paragraph.article.slug:
                return line
    raise AssertionError("row not found")


def demo_paragraph(position=24):
    return Article.objects.get(slug="alibaba-b2b-18-years").paragraphs.get(position=position)


def test_free_text_rewritten_as_numbers_gets_its_stored_text_back(tmp_path):
    first, second = Annotation.objects.order_by("pk")[:2]
    Annotation.objects.filter(pk=first.pk).update(comment="007")
    Annotation.objects.filter(pk=second.pk).update(comment="1e5")
    paragraph = demo_paragraph()
    note = factories.cite(paragraph, paragraph.text[:4], body="123456789012345678")
    data = resaved(csvio.annotations_export())
    assert b",7," in data and b",100000," in data and b"1.23456789012346E+017" in data
    before = snapshot()
    summary = csvio.annotations_import(data=data, filename="resaved.csv")
    assert (summary.created, summary.updated, summary.restored) == (0, 0, 3)
    assert snapshot() == before
    note.refresh_from_db()
    assert note.body == "123456789012345678"
    assert Annotation.objects.get(pk=first.pk).comment == "007"
    assert Annotation.objects.get(pk=second.pk).comment == "1e5"


def test_a_new_row_whose_note_is_a_spreadsheet_number_is_refused():
    paragraph = demo_paragraph()
    note = factories.cite(paragraph, paragraph.text[:4], body="123456789012345678")
    data = resaved(csvio.annotations_export())
    line = line_of(data, note)
    Annotation.objects.filter(pk=note.pk).delete()
    before = snapshot()
    with pytest.raises(ImportFailed) as failed:
        csvio.annotations_import(data=data, filename="resaved.csv")
    assert [(e.line, e.column) for e in failed.value.errors] == [(line, "note")]
    assert "1.23456789012346E+017" in failed.value.errors[0].reason
    assert "XLSX" in failed.value.errors[0].reason
    assert snapshot() == before


def test_an_identifier_rewritten_as_a_number_is_refused():
    person = factories.person(name="零零七", slug="123456789012345678")
    paragraph = demo_paragraph()
    cited = factories.cite(paragraph, paragraph.text[:4], person=person)
    data = resaved(csvio.annotations_export())
    line = line_of(data, cited)
    before = snapshot()
    with pytest.raises(ImportFailed) as failed:
        csvio.annotations_import(data=data, filename="resaved.csv")
    assert [(e.line, e.column) for e in failed.value.errors] == [(line, "target")]
    assert "spreadsheet" in failed.value.errors[0].reason
    assert snapshot() == before


def test_a_suffix_rewritten_as_a_time_is_a_row_error_and_nothing_is_written():
    reprint = Article.objects.get(slug="alibaba-b2b-18-years-reprint-qingyun")
    dateline = reprint.paragraphs.get(text__endswith="13:32")
    quote = dateline.text[: -len("13:32")]
    cited = factories.cite(dateline, quote, organization=factories.organization(name="庆云鑫恒兴"))
    assert cited.suffix == "13:32"
    data = resaved(csvio.annotations_export())
    assert b",01:32:00 PM," in data
    before = snapshot()
    with pytest.raises(ImportFailed) as failed:
        csvio.annotations_import(data=data, filename="resaved.csv")
    (error,) = failed.value.errors
    assert (error.line, error.column) == (line_of(data, cited), "suffix")
    assert "01:32:00 PM" in error.reason and "13:32" in error.reason and "spreadsheet" in error.reason
    assert snapshot() == before


@pytest.mark.parametrize("column", ["prefix", "suffix"])
def test_prefix_and_suffix_are_checked_against_the_paragraph(column):
    data = csvio.annotations_export()
    headers, rows = read_table(data, "a.csv")
    index = headers.index(column)
    line, cells = next((line, cells) for line, cells in rows if len(cells[index]) >= 8)
    cells[index] = "不在这里" + cells[index][4:] if column == "prefix" else cells[index][:-4] + "不在这里"
    out = io.StringIO(newline="")
    csv.writer(out).writerows([headers, *[c for _line, c in rows]])
    before = snapshot()
    with pytest.raises(ImportFailed) as failed:
        csvio.annotations_import(data=out.getvalue().encode("utf-8"), filename="edited.csv")
    assert [(e.line, e.column) for e in failed.value.errors] == [(line, column)]
    assert f"{column} “" in failed.value.errors[0].reason
    assert snapshot() == before


def test_a_fingerprint_that_lost_its_leading_zeros_gets_them_back():
    errors = []

    def add(column, reason):
        errors.append((column, reason))

    assert AnnotationRowReader._fingerprint({"fingerprint": "12345678901"}, add) == "012345678901"
    assert AnnotationRowReader._fingerprint({"fingerprint": "0a1b2c3d4e5f"}, add) == "0a1b2c3d4e5f"
    assert errors == []
    AnnotationRowReader._fingerprint({"fingerprint": "1.23457E+11"}, add)
    AnnotationRowReader._fingerprint({"fingerprint": "xyz"}, add)
    assert [column for column, _reason in errors] == ["fingerprint", "fingerprint"]


def test_a_midnight_date_time_in_a_date_column_reads_as_its_date():
    data = "title,date_edtf,date_text\r\n阿里巴巴创立,2017-09-12 00:00:00,2017-09-12 00:00:00\r\n".encode()
    data += "淘宝网上线,2003/5/10 0:00,2003/5/10 0:00\r\n".encode()
    _headers, rows = read_table(data, "events.csv")
    assert [cells[1] for _line, cells in rows] == ["2017-09-12", "2003-05-10"]
    assert rows[0][1][2] == "2017-09-12 00:00:00"  # a phrase as written is free text
    dataset = StrictCSV().create_dataset(data)
    assert dataset["date_edtf"] == ["2017-09-12", "2003-05-10"]


def test_a_date_time_cell_of_an_xlsx_reads_as_its_iso_date():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["title", "date_edtf", "end_edtf"])
    sheet.append(["阿里巴巴创立", datetime.datetime(2017, 9, 12), datetime.datetime(2017, 9, 12, 13, 32)])
    sheet.append(["淘宝网上线", datetime.date(2003, 5, 10), None])
    out = io.BytesIO()
    book.save(out)
    _headers, rows = read_table(out.getvalue(), "events.xlsx")
    assert [cells for _line, cells in rows] == [
        ["阿里巴巴创立", "2017-09-12", "2017-09-12T13:32:00"],
        ["淘宝网上线", "2003-05-10", ""],
    ]


def test_xlsx_export_writes_every_cell_as_text_on_a_named_sheet():
    Annotation.objects.filter(pk=Annotation.objects.order_by("pk")[0].pk).update(comment="007")
    data = csvio.annotations_export(fmt="xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["annotations"]
    cells = [cell for row in book["annotations"].iter_rows() for cell in row]
    assert len(cells) == len(csvio.COLUMNS) * (Annotation.objects.count() + 1)
    assert {cell.data_type for cell in cells if cell.value is not None} == {"s"}
    assert {cell.number_format for cell in cells} == {"@"}
    assert "007" in {cell.value for cell in cells}


def test_free_text_survives_a_round_trip_through_xlsx():
    first, second = Annotation.objects.order_by("pk")[:2]
    Annotation.objects.filter(pk=first.pk).update(comment="007")
    Annotation.objects.filter(pk=second.pk).update(comment="1e5")
    paragraph = demo_paragraph()
    note = factories.cite(paragraph, paragraph.text[:4], body="123456789012345678")
    book = openpyxl.load_workbook(io.BytesIO(csvio.annotations_export(fmt="xlsx")))
    out = io.BytesIO()
    book.save(out)  # opened and saved again by a spreadsheet program
    Annotation.objects.filter(pk=note.pk).delete()
    summary = csvio.annotations_import(data=out.getvalue(), filename="again.xlsx")
    assert (summary.created, summary.updated, summary.restored) == (1, 0, 0)
    assert Annotation.objects.get(pk=first.pk).comment == "007"
    assert Annotation.objects.get(pk=second.pk).comment == "1e5"
    assert Annotation.objects.filter(body="123456789012345678").count() == 1


def test_the_admin_xlsx_export_of_events_has_a_real_sheet_name():
    data = StrictXLSX().export_data(EventResource().export())
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["events"]
    assert {cell.number_format for row in book["events"].iter_rows() for cell in row} == {"@"}
