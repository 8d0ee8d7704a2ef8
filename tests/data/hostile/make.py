"""Build the hostile-input corpus: files an attacker or an unlucky operator hands an import.

    python tests/data/hostile/make.py [DEST]     # default: this folder (the files are ignored by git)

Every file is small on disk; the bombs declare or inflate to far more than any import accepts.
``tampered_backups(records)`` turns the records of a real backup into the tampered ones (it
needs a database to make the base, so the test calls it). ``FILES`` names what each file tests.
"""

import gzip
import io
import json
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
GIB = 1 << 30
COLUMNS = "article,paragraph,fingerprint,quote,prefix,suffix,start,end,target_kind,target,note,comment,status,editor"

FILES = {
    "xlsx_dimension_bomb.xlsx": "1.8 KB workbook declaring <dimension ref='A1:XFD1048576'/>",
    "xlsx_shared_strings_bomb.xlsx": "shared strings inflating to 64 MiB",
    "zip_1gib_member.zip": "a bundle whose people.csv inflates to 1 GiB",
    "backup_gzip_bomb.json.gz": "a backup inflating to 1 GiB of whitespace",
    "csv_vertical_tab.csv": "a note holding \\v (Word's manual line break)",
    "csv_nul.csv": "a cell holding NUL",
    "csv_duplicate_headers.csv": "the note column twice",
    "csv_formulae.csv": "formula cells behind a space, in fullwidth, after a zero-width space",
    "csv_long_prefix.csv": "a prefix longer than its column",
    "csv_editor_elsewhere.csv": "rows attributed to another user, published, by whoever imports",
    "people_bidi.csv": "a name with a right-to-left override",
    "people_zero_width.csv": "马\u200b云: a second 马云 that looks like the first",
    "roles_reversed.csv": "a role ending before it starts",
    "annotations_surrogate.csv": "CESU-8 bytes of a lone surrogate",
}


def annotation_row(**cells):
    row = dict.fromkeys(COLUMNS.split(","), "")
    row.update(article="hostile-target", paragraph="1", quote="杨猛", start="0", end="2", target_kind="note")
    row.update(note="笔记", status="draft")
    row.update(cells)
    return row


def csv_bytes(rows, header=COLUMNS):
    import csv

    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header.split(","))
    for row in rows:
        writer.writerow(list(row.values()) if isinstance(row, dict) else row)
    return out.getvalue().encode("utf-8")


def _xlsx(sheet_xml, shared=None):
    """Return a minimal workbook with sheet_xml (bytes, or a writer of chunks) and shared strings."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            "</Types>",
        )
        book.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        book.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>",
        )
        book.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        with book.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
            for chunk in shared or [
                b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1"><si><t>article</t></si></sst>'
            ]:
                strings.write(chunk)
    return buffer.getvalue()


SHEET = (
    '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    "</sheetData></worksheet>"
)


def _shared_strings_bomb(size=64 << 20):
    head = b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    item = b"<si><t>" + b"A" * 1000 + b"</t></si>"
    yield head
    block = item * 1024
    for _ in range(size // len(block)):
        yield block
    yield b"</sst>"


def _zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
        with bundle.open("people.csv", "w", force_zip64=True) as member:
            member.write(b"slug,name,description,aliases\r\n")
            block = b"x," * (1 << 19)
            for _ in range(GIB // len(block)):
                member.write(block)
    return buffer.getvalue()


def _gzip_bomb():
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as out:
        out.write(b"[")
        block = b" " * (1 << 20)
        for _ in range(GIB // len(block)):
            out.write(block)
        out.write(b"]")
    return buffer.getvalue()


def contents():
    """Return {file name: bytes} of the corpus."""
    return {
        "xlsx_dimension_bomb.xlsx": _xlsx(SHEET),
        "xlsx_shared_strings_bomb.xlsx": _xlsx(SHEET, _shared_strings_bomb()),
        "zip_1gib_member.zip": _zip_bomb(),
        "backup_gzip_bomb.json.gz": _gzip_bomb(),
        "csv_vertical_tab.csv": csv_bytes([annotation_row(note="第一行\v第二行")]),
        "csv_nul.csv": csv_bytes([annotation_row(comment="a\0b")]),
        "csv_duplicate_headers.csv": csv_bytes(
            [list(annotation_row().values()) + ["另一个"]], header=COLUMNS + ",note"
        ),
        "csv_formulae.csv": csv_bytes(
            [
                annotation_row(note=" =1+1"),
                annotation_row(note='＝HYPERLINK("http://evil")', start="2", end="4", quote="20"),
                annotation_row(note="\u200b=cmd|' /C calc'!A0", start="4", end="6", quote="02"),
            ]
        ),
        "csv_long_prefix.csv": csv_bytes([annotation_row(prefix="前" * 65)]),
        "csv_editor_elsewhere.csv": csv_bytes([annotation_row(editor="boss", status="published")]),
        "people_bidi.csv": csv_bytes(
            [["mayun-rtl", "\u202e马云", "", ""]], header="slug,name,description,aliases"
        ),
        "people_zero_width.csv": csv_bytes(
            [["mayun-zw", "马\u200b云", "", ""]], header="slug,name,description,aliases"
        ),
        "roles_reversed.csv": csv_bytes(
            [["hostile-person", "总裁", "", "2010", "", "", "", "2005", "", "0", ""]],
            header="person,title,organization,start_edtf,place,start_text,end_text,end_edtf,sequence,current,notes",
        ),
        "annotations_surrogate.csv": COLUMNS.encode()
        + b"\r\nhostile-target,1,,\xed\xa0\x80,,,0,1,note,,x,,,\r\n",
    }


def tampered_backups(records):
    """Return {file name: records} of backups tampered with, from the records of a real one."""
    records = [dict(r, fields=dict(r["fields"])) for r in records]

    def with_changed(model, **fields):
        out = [dict(r, fields=dict(r["fields"])) for r in records]
        next(r for r in out if r["model"] == model)["fields"].update(fields)
        return out

    session = {
        "model": "sessions.session",
        "pk": "x" * 32,
        "fields": {"session_data": "e30", "expire_date": "2999-01-01T00:00:00Z"},
    }
    logentry = {
        "model": "admin.logentry",
        "pk": 1,
        "fields": {
            "action_time": "2020-01-01T00:00:00Z",
            "action_flag": 1,
            "change_message": "",
            "object_repr": "x",
        },
    }
    superuser = {
        "model": "auth.user",
        "fields": {
            "username": "mallory",
            "password": "!",
            "is_superuser": True,
            "is_staff": True,
            "is_active": True,
        },
    }
    return {
        "backup_empty.json": [],
        "backup_session.json": records + [session],
        "backup_logentry.json": records + [logentry],
        "backup_superuser.json": records + [superuser],
        "backup_javascript_url.json": with_changed("archive.article", url="javascript:alert(1)"),
        "backup_forged_quote.json": with_changed("archive.annotation", quote="FORGEDQUOTE 他承认财务造假"),
    }


def write_backups(dest, records):
    for name, content in tampered_backups(records).items():
        (Path(dest) / name).write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")


def build(dest=HERE):
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for name, data in contents().items():
        (dest / name).write_bytes(data)
    return dest


if __name__ == "__main__":
    print(build(sys.argv[1] if len(sys.argv) > 1 else HERE))
