"""Spreadsheet import/export of authority records, and the plumbing every table shares.

The plumbing lives here, not in ``archive``, because ``people`` must never import ``archive``
while both apps' resources need it:

- **Reading** (`read_table`): CSV bytes are decoded strictly — UTF-8 with or without BOM, then
  GB18030/GBK (what Excel on Chinese Windows writes) — with ``textkit.encoding.decode_bytes``,
  which refuses binary data and implausible decodes rather than produce mojibake. XLSX files
  (a zip) are read with openpyxl. Every row keeps the line it starts on, for error messages.
- **Writing** (`write_table`): CSV as UTF-8 with BOM and CRLF, so Excel opens it; or XLSX.
- **Formula neutralisation** (OWASP): a cell starting with ``= + - @``, tab, CR or NUL is
  written with a leading ``'``, so Excel and LibreOffice show it as text instead of running it.
  Reading removes that ``'`` again, so export → import is lossless (a value that itself
  begins with ``'`` before such a character gets one more ``'``).

Columns (one header row; the order on export is the order below):

- people: ``slug, name, description, aliases`` — aliases as ``kind:name`` joined by `` | ``
  (kind: nickname, english, former, romanization, other).
- organizations: ``slug, name, kind, parent, description, aliases`` — ``parent`` a slug;
  aliases ``kind:name`` or ``kind:name@from@to`` (EDTF dates a rename was in use).
- roles: ``person, title, organization, start_edtf`` (the natural key), ``place, start_text,
  end_text, end_edtf, sequence, current, notes``.
"""

import csv
import io
import zipfile

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.formats import base_formats

from textkit.encoding import DecodeError, decode_bytes

from .models import Alias, Organization, OrganizationAlias, Person, Role
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


class KeyWidget(widgets.ForeignKeyWidget):
    """Look a record up by a text key and say which one is unknown."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(
                _("unknown %(model)s “%(value)s”") % {"model": self.model._meta.verbose_name, "value": value}
            ) from None


class SpreadsheetResource(resources.ModelResource):
    """A ModelResource whose rows are text, checked for duplicate keys, skipped when unchanged."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._seen = {}

    def before_import(self, dataset, **kwargs):
        self._seen = {}

    def before_import_row(self, row, **kwargs):
        key = tuple(str(row.get(column) or "").strip() for column in self.get_import_id_fields())
        first = self._seen.setdefault(key, kwargs.get("row_number"))
        if first != kwargs.get("row_number"):
            column = self.get_import_id_fields()[0]
            raise ValidationError(
                {
                    column: _("duplicate key %(key)s, first given in data row %(row)s")
                    % {"key": "|".join(key), "row": first}
                }
            )

    def get_instance(self, instance_loader, row):
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            return None  # an unknown key: import_instance reports it against its column

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return "" if value is None else str(value)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or original is None or not original.pk:
            return False
        return all(
            self.export_field(f, instance) == self.export_field(f, original) for f in self.get_import_fields()
        ) and not self.list_changes(original, row)

    def list_changes(self, instance, row):
        """Return whether the row changes a list cell (aliases) of the stored instance."""
        return False


class AliasesField(fields.Field):
    """A `` | ``-joined list of ``kind:name`` aliases, written after the record is saved."""

    def __init__(self, model, **kwargs):
        super().__init__(attribute=None, column_name="aliases", **kwargs)
        self.alias_model = model

    def parse(self, cell):
        kinds = set(self.alias_model.Kind.values)
        aliases = []
        for entry in filter(None, (part.strip() for part in (cell or "").split("|"))):
            kind, sep, rest = entry.partition(":")
            if not sep or kind not in kinds:
                raise ValueError(
                    _("alias “%(entry)s” is not kind:name with kind one of %(kinds)s")
                    % {"entry": entry, "kinds": ", ".join(sorted(kinds))}
                )
            aliases.append((kind, *rest.split("@")) if "@" in rest else (kind, rest))
        return aliases


class AliasesMixin:
    """Export, check and save the aliases column of people and organisations."""

    def dehydrate_aliases(self, obj):
        return LIST_SEPARATOR.join(self.alias_entry(alias) for alias in obj.aliases.all()) if obj.pk else ""

    def alias_entry(self, alias):
        return f"{alias.kind}:{alias.name}"

    def import_instance(self, instance, row, **kwargs):
        errors, self._aliases = {}, []
        try:
            self._aliases = [
                self.make_alias(instance, entry) for entry in self.fields["aliases"].parse(row.get("aliases"))
            ]
            for alias in self._aliases:
                alias.full_clean(
                    exclude=[self.alias_parent], validate_unique=False, validate_constraints=False
                )
        except ValidationError as exc:
            errors["aliases"] = ValidationError("; ".join(exc.messages))
        except ValueError as exc:
            errors["aliases"] = ValidationError(str(exc))
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def list_changes(self, instance, row):
        wanted = {self.alias_entry(alias) for alias in self._aliases}
        return wanted != {self.alias_entry(alias) for alias in instance.aliases.all()}

    def after_save_instance(self, instance, row, **kwargs):
        instance.aliases.exclude(name__in=[alias.name for alias in self._aliases]).delete()
        for alias in self._aliases:
            values = {f: getattr(alias, f) for f in ("kind", "valid_from", "valid_to") if hasattr(alias, f)}
            self.alias_model.objects.update_or_create(
                **{self.alias_parent: instance, "name": alias.name}, defaults=values
            )


class PersonResource(AliasesMixin, SpreadsheetResource):
    alias_model, alias_parent = Alias, "person"
    aliases = AliasesField(Alias)

    class Meta:
        model = Person
        fields = ["slug", "name", "description", "aliases"]
        import_id_fields = ["slug"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def make_alias(self, person, entry):
        return Alias(person=person, kind=entry[0], name=entry[1])

    def get_queryset(self):
        return Person.objects.prefetch_related("aliases").order_by("slug")


class OrganizationResource(AliasesMixin, SpreadsheetResource):
    alias_model, alias_parent = OrganizationAlias, "organization"
    parent = fields.Field("parent", "parent", KeyWidget(Organization, "slug"))
    aliases = AliasesField(OrganizationAlias)

    class Meta:
        model = Organization
        fields = ["slug", "name", "kind", "parent", "description", "aliases"]
        import_id_fields = ["slug"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def alias_entry(self, alias):
        dates = f"@{alias.valid_from}@{alias.valid_to}" if alias.valid_from or alias.valid_to else ""
        return f"{alias.kind}:{alias.name}{dates}"

    def make_alias(self, org, entry):
        if len(entry) not in (2, 4):
            raise ValueError(_("alias “%(name)s” needs both dates: kind:name@from@to") % {"name": entry[1]})
        return OrganizationAlias(
            organization=org,
            kind=entry[0],
            name=entry[1],
            valid_from=entry[2] if len(entry) > 2 else "",
            valid_to=entry[3] if len(entry) > 2 else "",
        )

    def get_queryset(self):
        return Organization.objects.select_related("parent").prefetch_related("aliases").order_by("slug")

    def filter_export(self, queryset, **kwargs):
        """Order parents before their units, so a file imports top-down into an empty archive."""
        parents = dict(Organization.objects.values_list("pk", "parent_id"))

        def depth(pk, seen=()):
            parent = parents.get(pk)
            return 0 if parent is None or parent in seen else 1 + depth(parent, (*seen, pk))

        return sorted(queryset, key=lambda org: (depth(org.pk), org.slug))


class RoleResource(SpreadsheetResource):
    person = fields.Field("person", "person", KeyWidget(Person, "slug"))
    organization = fields.Field("organization", "organization", KeyWidget(Organization, "slug"))

    class Meta:
        model = Role
        fields = [
            "person",
            "title",
            "organization",
            "start_edtf",
            "place",
            "start_text",
            "end_text",
            "end_edtf",
            "sequence",
            "current",
            "notes",
        ]
        import_id_fields = ["person", "title", "organization", "start_edtf"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        return Role.objects.select_related("person", "organization").order_by(
            "person__slug", "title", "organization__slug", "start_edtf", "pk"
        )
