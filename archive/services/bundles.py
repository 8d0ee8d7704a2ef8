"""The whole archive as one bundle: a folder or a .zip holding one CSV per table.

``organizations.csv``, ``people.csv`` (with aliases), ``roles.csv``, ``events.csv`` and
``annotations.csv`` — imported in that order, all or nothing (columns: archive/resources.py,
people/resources.py and archive/services/spreadsheets.py).
"""

import io
import zipfile
from pathlib import Path

import tablib
from django.db import transaction
from django.utils.translation import gettext as _

from core.spreadsheets import TableError, read_table, write_table
from core.uploads import TooLarge, read_capped, read_zip_member, regular_file
from people.resources import OrganizationResource, PersonResource, RoleResource

from ..resources import EventResource
from . import spreadsheets as csvio

TABLES = [
    ("organizations.csv", OrganizationResource),
    ("people.csv", PersonResource),
    ("roles.csv", RoleResource),
    ("events.csv", EventResource),
]
ANNOTATIONS = "annotations.csv"


def archive_export():
    """Return {file name: CSV bytes} of every authority record and annotation."""
    files = {}
    for name, resource_class in TABLES:
        dataset = resource_class().export()
        files[name] = write_table(dataset.headers, list(dataset))
    files[ANNOTATIONS] = csvio.annotations_export()
    return files


def read_bundle(path):
    """Return {file name: bytes} of the tables in a folder or a .zip file.

    Every table is refused by its size before it is read: a folder's files by ``stat`` (and
    only regular files), a zip's members by their declared size, and inflating stops there.
    """
    path = Path(path)
    names = [name for name, _ in TABLES] + [ANNOTATIONS]
    try:
        if path.is_dir():
            return {name: read_capped(path / name) for name in names if (path / name).exists()}
        regular_file(path, name=path.name)
        with zipfile.ZipFile(path) as bundle:
            present = {Path(info.filename).name: info for info in bundle.infolist()}
            return {name: read_zip_member(bundle, present[name]) for name in names if name in present}
    except TooLarge as exc:
        raise csvio.ImportFailed([csvio.RowError(1, "", f"{path.name}: {exc}")]) from exc
    except zipfile.BadZipFile as exc:
        raise csvio.ImportFailed(
            [csvio.RowError(1, "", f"{path.name}: {_('neither a folder nor a .zip file')} ({exc})")]
        ) from exc


def write_bundle(files, path):
    """Write the tables to a folder, or to a .zip file when path ends with .zip."""
    path = Path(path)
    if path.suffix.lower() == ".zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
            for name, data in files.items():
                bundle.writestr(name, data)
        path.write_bytes(buffer.getvalue())
        return
    path.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (path / name).write_bytes(data)


@transaction.atomic
def archive_import(*, files, dry_run=False, user=None, progress=None):
    """Import a bundle's tables in dependency order; return {file: summary}. All or nothing."""
    if not files:
        raise csvio.ImportFailed(
            [
                csvio.RowError(
                    1,
                    "",
                    _("no table found (expected %(names)s)")
                    % {"names": ", ".join([n for n, _ in TABLES] + [ANNOTATIONS])},
                )
            ]
        )
    summaries, errors = {}, []
    for name, resource_class in TABLES:
        if name in files:
            summary, table_errors = _import_table(name, files[name], resource_class)
            summaries[name] = summary
            errors += table_errors
    if errors:
        raise csvio.ImportFailed(errors)
    if ANNOTATIONS in files:
        try:
            summaries[ANNOTATIONS] = csvio.annotations_import(
                data=files[ANNOTATIONS], filename=ANNOTATIONS, user=user, progress=progress
            )
        except csvio.ImportFailed as exc:
            raise csvio.ImportFailed(
                [csvio.RowError(e.line, f"{ANNOTATIONS}:{e.column}", e.reason) for e in exc.errors]
            ) from None
    if dry_run:
        transaction.set_rollback(True)
    return summaries


def _import_table(name, data, resource_class):
    """Import one authority table; return (totals, [RowError]) with lines as in the file."""
    try:
        headers, rows = read_table(data, name)
    except TableError as exc:
        return {}, [csvio.RowError(1, name, str(exc))]
    lines = [line for line, _ in rows]
    dataset = tablib.Dataset(*[cells for _, cells in rows], headers=headers)
    result = resource_class().import_data(
        dataset, dry_run=False, use_transactions=True, rollback_on_validation_errors=True
    )
    errors = [csvio.RowError(1, name, str(error.error)) for error in result.base_errors]
    for row in result.invalid_rows:
        errors += [
            csvio.RowError(lines[row.number - 1], f"{name}:{column}", " ".join(messages))
            for column, messages in row.error_dict.items()
        ]
    for number, row_errors in result.row_errors():
        errors += [csvio.RowError(lines[number - 1], name, str(error.error)) for error in row_errors]
    return dict(result.totals), errors
