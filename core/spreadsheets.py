"""Spreadsheet plumbing every table shares: strict reading, writing, formula neutralising.

- **Reading** (`read_table`): CSV bytes are decoded strictly — UTF-8 with or without BOM, then
  GB18030/GBK (what Excel on Chinese Windows writes) — with ``textkit.encoding.decode_bytes``,
  which refuses binary data and implausible decodes rather than produce mojibake. XLSX files
  (a zip) are read with openpyxl. Every row keeps the line it starts on, for error messages.
- **Writing** (`write_table`): CSV as UTF-8 with BOM and CRLF, so Excel opens it; or XLSX.
- **Formula neutralisation** (OWASP): a cell starting with ``= + - @``, tab, CR or NUL — also
  after leading Unicode whitespace and invisible format characters (``" =1+1"``, a zero-width
  space before ``=``), and in fullwidth (``＝``, ``＋``) — is written with a leading ``'``, so
  Excel and LibreOffice show it as text instead of running it. Reading removes that ``'``
  again, so export → import is lossless (a value that itself begins with ``'`` before such a
  character gets one more ``'``).
- **Hostile files** are refused before they cost memory: the size is checked before reading; an
  XLSX's members are checked by their declared sizes (``ZipInfo.file_size``, shared strings
  capped) before openpyxl opens it; its ``<dimension>`` is ignored and rows × columns are
  capped while reading. Every cell goes through ``core.text.normalise`` (NFC; control
  characters and lone surrogates refused with file, line and column); duplicate headers are
  refused. XLSX export replaces what XML cannot hold (``\v`` becomes a newline).
- **What spreadsheets do to cells.** A CSV opened in Excel or LibreOffice and saved again comes
  back with every cell that looks like a number or a date rewritten as the program shows it:
  ``007`` → ``7``, ``1e5`` → ``100000``, ``123456789012345678`` → ``1.23456789012346E+017``,
  ``2017-09-12`` → ``2017-09-12 00:00:00``, ``13:32`` → ``01:32:00 PM``. The original text is
  gone from the file, so the importers check what they can (quotes, prefixes and suffixes against
  the paragraph; identifiers against the archive), refuse what is surely a spreadsheet's number
  (``spreadsheet_number``), and restore a stored value a cell is merely the numeric reading of
  (``number_reading``). In a date column (a header ending in ``_edtf``) a midnight date-time —
  ``2017-09-12 00:00:00`` in a CSV, a date-time cell in an XLSX — is read as its date,
  ``2017-09-12``. XLSX keeps text as text: every exported cell is a string cell with the text
  number format ``@``, on a sheet named after its table.
"""

import csv
import datetime
import io
import math
import re
import zipfile

import tablib
from django.conf import settings
from django.utils.translation import gettext as _
from import_export.formats import base_formats

from textkit.encoding import DecodeError, decode_bytes

from .text import TextRefused, formula_lead, normalise, xml_safe
from .uploads import upload_too_large

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r", "\0")
LIST_SEPARATOR = " | "
_BOM_CODECS = {
    "utf-8": "utf-8-sig",
    "utf-16-le": "utf-16",
    "utf-16-be": "utf-16",
    "utf-32-le": "utf-32",
    "utf-32-be": "utf-32",
}


# What a spreadsheet writes for a number too long to show (Excel: E+017, LibreOffice: E+17).
SPREADSHEET_NUMBER = re.compile(r"^[+-]?\d(?:[.,]\d+)?E[+-]\d{2,3}$")
NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$")
MIDNIGHT = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T]0?0:00(?::00(?:\.0+)?)?$")
DATE_SUFFIX = "_edtf"


def spreadsheet_number(value):
    """Return whether a cell holds a number as a spreadsheet shows it in scientific notation."""
    return bool(SPREADSHEET_NUMBER.match((value or "").strip()))


def _number(value):
    value = (value or "").strip()
    if not NUMBER.match(value):
        return None
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def number_reading(original, value):
    """Return whether value is what a spreadsheet makes of the text original read as a number.

    ``007`` → ``7``, ``1e5`` → ``100000``, ``123456789012345678`` → ``1.23456789012346E+017``:
    different text, the same number to 15 significant digits (what spreadsheets keep).
    """
    if original == value:
        return False
    a, b = _number(original), _number(value)
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-14, abs_tol=0.0)


AM_PM_TIME = re.compile(r"\d{1,2}:\d{2}:\d{2} ?[AP]M\b")


def looks_rewritten(actual, given):
    """Return whether given looks like a spreadsheet's rewriting of actual (a number, a time)."""
    return number_reading(actual, given) or bool(AM_PM_TIME.search(given)) or " 00:00:00" in given


def mangled_reason(value):
    return _(
        "“%(value)s” is a number as a spreadsheet writes it, not the text that was there; "
        "keep the file as XLSX, or open the CSV with this column as text"
    ) % {"value": value[:40]}


def is_date_column(header):
    return header.endswith(DATE_SUFFIX)


def date_cell(value):
    """Return a date column's cell with a spreadsheet's midnight time removed (ISO date)."""
    match = MIDNIGHT.match(value.strip())
    if not match:
        return value
    year, month, day = (int(group) for group in match.groups())
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return value


class TableError(ValueError):
    """A file that is not a readable table; the message names the file and the problem."""


def _dangerous(value):
    value = value.lstrip("'")
    return value[:1] in DANGEROUS_FIRST or formula_lead(value) in DANGEROUS_FIRST[:4]


def neutralise(value):
    """Return a cell value a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and _dangerous(value):
        return "'" + value
    return value


def restore(value):
    """Undo `neutralise` on a cell read back from a file."""
    if value.startswith("'") and _dangerous(value):
        return value[1:]
    return value


def limits():
    """Return (max rows, max columns, max shared-string bytes, max bytes of one XLSX member)."""
    upload = settings.ANNALS_MAX_UPLOAD_BYTES
    return (
        getattr(settings, "ANNALS_MAX_TABLE_ROWS", 200_000),
        getattr(settings, "ANNALS_MAX_TABLE_COLUMNS", 64),
        getattr(settings, "ANNALS_MAX_SHARED_STRINGS_BYTES", upload),
        getattr(settings, "ANNALS_MAX_XLSX_MEMBER_BYTES", 10 * upload),
    )


def is_xlsx(data, name=""):
    return name.lower().endswith(".xlsx") or data[:4] == b"PK\x03\x04"


def decode_csv(data, name="file"):
    """Return the text of CSV bytes, decoded strictly, or raise TableError."""
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        raise TableError(f"{name}: {exc}") from exc
    # Decode again with the codec found, keeping CRs inside cells that decode_bytes normalises.
    codec = _BOM_CODECS.get(decoded.encoding, decoded.encoding) if decoded.had_bom else decoded.encoding
    return data.decode(codec)


def read_table(data, name="file"):
    """Return (headers, [(line, cells)]) of a CSV or XLSX file; cells are neutral-free strings."""
    if not data:
        raise TableError(_("%(name)s: the file is empty") % {"name": name})
    too_large = upload_too_large(len(data), name=name)
    if too_large:
        raise TableError(too_large)
    records = _xlsx_records(data, name) if is_xlsx(data, name) else _csv_records(decode_csv(data, name), name)
    records = [(line, [restore(cell) for cell in cells]) for line, cells in records if any(cells)]
    if not records:
        raise TableError(_("%(name)s: the file holds no header row") % {"name": name})
    (_header_line, headers), rows = records[0], records[1:]  # not `_`: that is gettext here
    headers = _headers(headers, name)
    rows = [(line, _clean_cells(cells, headers, name, line)) for line, cells in rows]
    for line, cells in rows:
        if len(cells) > len(headers) and any(cells[len(headers) :]):
            raise TableError(
                _("%(name)s: line %(line)s: %(cells)s cells for %(columns)s columns")
                % {"name": name, "line": line, "cells": len(cells), "columns": len(headers)}
            )
    dates = [i for i, header in enumerate(headers) if is_date_column(header)]
    table = []
    for line, cells in rows:
        cells = (cells + [""] * len(headers))[: len(headers)]
        for i in dates:
            cells[i] = date_cell(cells[i])
        table.append((line, cells))
    return headers, table


def _headers(headers, name):
    headers = [_clean(header, name, 1, _("header")).strip() for header in headers]
    while headers and not headers[-1]:
        headers.pop()
    seen = set()
    for column, header in enumerate(headers, 1):
        if header in seen:
            raise TableError(
                _("%(name)s: line 1, column %(column)s: the header “%(header)s” is given twice")
                % {"name": name, "column": column, "header": header}
            )
        seen.add(header)
    return headers


def _clean(cell, name, line, column):
    try:
        return normalise(cell, field=column)
    except TextRefused as exc:
        raise TableError(
            _("%(name)s: line %(line)s: %(reason)s") % {"name": name, "line": line, "reason": exc.messages[0]}
        ) from None


def _clean_cells(cells, headers, name, line):
    return [
        _clean(cell, name, line, headers[i] if i < len(headers) else str(i + 1))
        for i, cell in enumerate(cells)
    ]


def _too_many_rows(name, max_rows):
    return TableError(
        _("%(name)s: more than %(rows)s rows; split the file (ANNALS_MAX_TABLE_ROWS)")
        % {"name": name, "rows": max_rows}
    )


def _csv_records(text, name="file"):
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records = []
    max_rows, max_columns, *_rest = limits()
    try:
        while True:
            line = reader.line_num + 1
            cells = next(reader)
            if len(cells) > max_columns:
                raise TableError(
                    _("%(name)s: line %(line)s: more than %(columns)s columns")
                    % {"name": name, "line": line, "columns": max_columns}
                )
            if len(records) > max_rows:
                raise _too_many_rows(name, max_rows)
            records.append((line, cells))
    except StopIteration:
        return records
    except csv.Error as exc:
        raise TableError(
            _("line %(line)s: not valid CSV (%(error)s)") % {"line": reader.line_num, "error": exc}
        ) from exc


def _check_xlsx_members(data, name):
    """Refuse a workbook whose members declare more than we will inflate, before openpyxl reads it."""
    _rows, _columns, max_strings, max_member = limits()
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise TableError(
            _("%(name)s: not a readable XLSX workbook (%(error)s)") % {"name": name, "error": exc}
        ) from exc
    for member in members:
        limit = max_strings if member.filename.lower().endswith("sharedstrings.xml") else max_member
        if member.file_size > limit:
            raise TableError(
                _(
                    "%(name)s: member %(member)s declares %(size)s bytes uncompressed; at most %(limit)s accepted"
                )
                % {"name": name, "member": member.filename, "size": member.file_size, "limit": limit}
            )


def _xlsx_records(data, name):
    import openpyxl

    _check_xlsx_members(data, name)
    max_rows, max_columns, *_rest = limits()
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.active
        sheet.reset_dimensions()  # a declared <dimension> is not trusted: A1:XFD1048576 costs nothing
        records = []
        for n, row in enumerate(sheet.iter_rows(max_col=max_columns + 1, values_only=True), 1):
            if n > max_rows + 1:
                if any(value is not None for value in row):
                    raise _too_many_rows(name, max_rows)
                continue
            records.append((n, [_cell_text(value) for value in row]))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise TableError(
            _("%(name)s: not a readable XLSX workbook (%(error)s)") % {"name": name, "error": exc}
        ) from exc
    if any(len(cells) > max_columns and cells[max_columns] for _n, cells in records):
        raise TableError(
            _("%(name)s: more than %(columns)s columns") % {"name": name, "columns": max_columns}
        )
    return [(n, cells[:max_columns]) for n, cells in records]


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):  # a date-time cell: midnight is a date
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_table(headers, rows, fmt="csv", sheet="data"):
    """Return the bytes of a CSV (UTF-8 with BOM) or XLSX file, every cell neutralised.

    In XLSX every cell is a string cell with the text number format (``@``), so a spreadsheet
    shows ``007`` as ``007`` and saves it back as text; ``sheet`` names the worksheet.
    """
    rows = [[neutralise("" if cell is None else str(cell)) for cell in row] for row in rows]
    if fmt == "xlsx":
        return _xlsx_bytes(headers, [[xml_safe(cell) for cell in row] for row in rows], sheet)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def _xlsx_bytes(headers, rows, sheet):
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    worksheet = book.create_sheet(title=sheet_title(sheet))

    def text_cell(value):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.data_type = "s"  # never a formula or a number, whatever the text looks like
        cell.number_format = "@"
        return cell

    worksheet.append([text_cell(xml_safe(neutralise(str(h)))) for h in headers])
    for row in rows:
        worksheet.append([text_cell(value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sheet_title(name):
    """Return a valid worksheet name: at most 31 characters, none of ``[]:*?/\\``."""
    title = re.sub(r"[\[\]:*?/\\]", " ", str(name or "")).strip()[:31]
    return title or "data"


class StrictCSV(base_formats.CSV):
    """CSV read strictly (UTF-8 ± BOM or GB18030) and written as UTF-8 with BOM."""

    def is_binary(self):
        return True  # the admin hands us bytes, so we choose the codec, not a fixed one

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream):
        headers, rows = read_table(in_stream, "file.csv")
        return tablib.Dataset(*[cells for _, cells in rows], headers=headers)

    def export_data(self, dataset, **kwargs):
        return write_table(dataset.headers, list(dataset), "csv")


class StrictXLSX(base_formats.XLSX):
    """XLSX with every cell read as text and written neutralised."""

    def create_dataset(self, in_stream):
        headers, rows = read_table(in_stream, "file.xlsx")
        return tablib.Dataset(*[cells for _, cells in rows], headers=headers)

    def export_data(self, dataset, **kwargs):
        return write_table(dataset.headers, list(dataset), "xlsx", sheet=dataset.title or "data")


FORMATS = [StrictCSV, StrictXLSX]
