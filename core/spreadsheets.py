"""Spreadsheet plumbing every table shares: strict reading, writing, formula neutralising.

- **Reading** (`read_table`): CSV bytes are decoded strictly — UTF-8 with or without BOM, then
  GB18030/GBK (what Excel on Chinese Windows writes) — with ``textkit.encoding.decode_bytes``,
  which refuses binary data and implausible decodes rather than produce mojibake. XLSX files
  (a zip) are read with openpyxl. Every row keeps the line it starts on, for error messages.
- **Writing** (`write_table`): CSV as UTF-8 with BOM and CRLF, so Excel opens it; or XLSX.
- **Formula neutralisation** (OWASP): a cell starting with ``= + - @``, tab, CR or NUL is
  written with a leading ``'``, so Excel and LibreOffice show it as text instead of running it.
  Reading removes that ``'`` again, so export → import is lossless (a value that itself
  begins with ``'`` before such a character gets one more ``'``).
"""

import csv
import io
import zipfile

import tablib
from django.utils.translation import gettext as _
from import_export.formats import base_formats

from textkit.encoding import DecodeError, decode_bytes

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


class TableError(ValueError):
    """A file that is not a readable table; the message names the file and the problem."""


def neutralise(value):
    """Return a cell value a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.lstrip("'")[:1] in DANGEROUS_FIRST:
        return "'" + value
    return value


def restore(value):
    """Undo `neutralise` on a cell read back from a file."""
    if value.startswith("'") and value.lstrip("'")[:1] in DANGEROUS_FIRST:
        return value[1:]
    return value


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
    records = _xlsx_records(data, name) if is_xlsx(data, name) else _csv_records(decode_csv(data, name))
    records = [(line, [restore(cell) for cell in cells]) for line, cells in records if any(cells)]
    if not records:
        raise TableError(_("%(name)s: the file holds no header row") % {"name": name})
    (_header_line, headers), rows = records[0], records[1:]  # not `_`: that is gettext here
    headers = [header.strip() for header in headers]
    for line, cells in rows:
        if len(cells) > len(headers) and any(cells[len(headers) :]):
            raise TableError(
                _("%(name)s: line %(line)s: %(cells)s cells for %(columns)s columns")
                % {"name": name, "line": line, "cells": len(cells), "columns": len(headers)}
            )
    return headers, [(line, (cells + [""] * len(headers))[: len(headers)]) for line, cells in rows]


def _csv_records(text):
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records = []
    try:
        while True:
            line = reader.line_num + 1
            records.append((line, next(reader)))
    except StopIteration:
        return records
    except csv.Error as exc:
        raise TableError(
            _("line %(line)s: not valid CSV (%(error)s)") % {"line": reader.line_num, "error": exc}
        ) from exc


def _xlsx_records(data, name):
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TableError(
            _("%(name)s: not a readable XLSX workbook (%(error)s)") % {"name": name, "error": exc}
        ) from exc
    return [
        (n, [_cell_text(value) for value in row])
        for n, row in enumerate(book.active.iter_rows(values_only=True), 1)
    ]


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_table(headers, rows, fmt="csv"):
    """Return the bytes of a CSV (UTF-8 with BOM) or XLSX file, every cell neutralised."""
    rows = [[neutralise("" if cell is None else str(cell)) for cell in row] for row in rows]
    if fmt == "xlsx":
        dataset = tablib.Dataset(*rows, headers=headers)
        return dataset.export("xlsx")
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


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
        return write_table(dataset.headers, list(dataset), "xlsx")


FORMATS = [StrictCSV, StrictXLSX]
