"""Annotations as CSV or XLSX rows: the row format, a fast all-or-nothing import, and export.

One header row, then one annotation per row. Each row stands on its own and can be edited by
hand; on export the columns come in this order:

``article``       the article's slug
``paragraph``     the paragraph's position in the article (1, 2, 3…)
``fingerprint``   12 hex digits of the paragraph's text (``archive.models.fingerprint``); when it
                  no longer matches, the paragraph was edited since the export (may be left empty)
``quote``         the exact words annotated; they must stand at ``start``..``end`` of the paragraph
``prefix``, ``suffix``  the words around the quote (W3C text-quote selector)
``start``, ``end`` character offsets of the quote in the paragraph (W3C text-position selector)
``target_kind``   person, role, event, organization or note
``target``        the target's natural key as text: a person's or organisation's slug; a role as
                  ``person-slug|title|organization-slug|start-edtf``; an event as
                  ``title|date-edtf``; empty for a note
``note``          the note's text (only for target_kind note)
``comment``       the editor's comment
``status``        suggested, draft, reviewed or published (empty: draft)
``editor``        the editor's username, or empty

An existing annotation is the same one when paragraph, start, end and target match; importing
updates its other columns, and an unchanged row writes nothing, so re-importing an export
changes nothing. Every row is checked before anything is written; one bad row and nothing is
imported, with one message per bad row naming its line, its column and the reason.
Cells are read and written as described in ``core.spreadsheets`` (encodings, formulae); rows are
read and checked in ``annotation_rows.py``.
"""

import time
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from core.signals import content_changed
from core.spreadsheets import write_table

from ..models import Annotation, Article, fingerprint
from .annotation_rows import (  # noqa: F401 (RowError and ImportFailed are part of this API)
    COLUMNS,
    AnnotationRowReader,
    ImportFailed,
    RowError,
    RowErrors,
    read_rows,
)
from .history import history_copy_created

UPDATED = ["quote", "prefix", "suffix", "body", "comment", "status", "editor_id"]
BATCH = 1000


@dataclass
class ImportSummary:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    restored: int = 0  # note/comment cells given back their stored text (a spreadsheet's numbers)
    dry_run: bool = False
    seconds: float = 0.0
    errors: list = field(default_factory=list)


# ---- export ------------------------------------------------------------------------------


def export_queryset():
    return Annotation.objects.select_related(
        "paragraph__article",
        "person",
        "role__person",
        "role__organization",
        "event",
        "organization",
        "editor",
    )


def target_text(annotation):
    """Return the natural key of the annotation's target as one cell of text."""
    kind = annotation.target_kind
    if kind in ("person", "organization"):
        return getattr(annotation, kind).slug
    if kind == "role":
        role = annotation.role
        return "|".join(
            [
                role.person.slug,
                role.title,
                role.organization.slug if role.organization_id else "",
                role.start_edtf,
            ]
        )
    if kind == "event":
        return f"{annotation.event.title}|{annotation.event.date_edtf}"
    return ""


def annotation_cells(annotation):
    """Return the row of one annotation as a dict of column → text."""
    paragraph = annotation.paragraph
    editor = annotation.editor
    return {
        "article": paragraph.article.slug,
        "paragraph": str(paragraph.position),
        "fingerprint": fingerprint(paragraph.text),
        "quote": annotation.quote,
        "prefix": annotation.prefix,
        "suffix": annotation.suffix,
        "start": str(annotation.start),
        "end": str(annotation.end),
        "target_kind": annotation.target_kind,
        "target": target_text(annotation),
        "note": annotation.body,
        "comment": annotation.comment,
        "status": annotation.status,
        "editor": editor.get_username() if editor else "",
    }


def _sort_key(cells):
    return (
        cells["article"],
        int(cells["paragraph"]),
        int(cells["start"]),
        int(cells["end"]),
        cells["target_kind"],
        cells["target"],
        cells["note"],
    )


def annotation_rows(queryset=None):
    """Return the rows of the annotations (all by default) in a stable order."""
    queryset = export_queryset() if queryset is None else queryset
    rows = [annotation_cells(a) for a in queryset.iterator(chunk_size=BATCH)]
    return sorted(rows, key=_sort_key)


def annotations_export(*, queryset=None, fmt="csv"):
    """Return the bytes of a CSV (UTF-8 with BOM) or XLSX file of the annotations."""
    rows = annotation_rows(queryset)
    return write_table(COLUMNS, [[row[c] for c in COLUMNS] for row in rows], fmt, sheet="annotations")


# ---- reading rows ------------------------------------------------------------------------


# ---- the fast import ---------------------------------------------------------------------


@transaction.atomic
def annotations_import(*, data, filename, dry_run=False, user=None, progress=None):
    """Check every row of a file, then create and update its annotations in one go.

    Raise ImportFailed listing every bad row (nothing written). ``progress(done, total)`` is
    called while rows are checked and written.
    """
    began = time.perf_counter()
    rows = read_rows(data, filename)
    lock_articles({(row.get("article") or "").strip() for _line, row in rows})
    reader, errors, new, changed = AnnotationRowReader(user), [], [], []
    summary = ImportSummary(rows=len(rows), dry_run=dry_run)
    for done, (line, row) in enumerate(rows, 1):
        try:
            annotation, key = reader.read(line, row)
        except RowErrors as exc:
            errors.extend(exc.errors)
            continue
        old = reader.existing.get(key)
        if old is None:
            new.append(annotation)
        elif _apply(old, annotation):
            changed.append(old)
        if progress and done % BATCH == 0:
            progress(done, 2 * len(rows))
    if errors:
        raise ImportFailed(errors)
    summary.restored = reader.restored
    summary.created, summary.updated, summary.unchanged = (
        len(new),
        len(changed),
        len(rows) - len(new) - len(changed),
    )
    if not dry_run:
        try:
            _write(new, changed, user, _("imported from %(file)s") % {"file": filename}, progress, len(rows))
        except IntegrityError as exc:
            raise ImportFailed(
                [
                    RowError(
                        1,
                        "",
                        _(
                            "%(file)s: another write made the same annotations meanwhile; nothing was imported, import again"
                        )
                        % {"file": filename},
                    )
                ]
            ) from exc
    summary.seconds = time.perf_counter() - began
    return summary


def lock_articles(slugs):
    """Lock the articles a file touches before their annotations are read, so two imports of one
    file run one after the other: the second finds the first one's rows (PostgreSQL row locks;
    SQLite writes one transaction at a time anyway)."""
    list(Article.objects.select_for_update().filter(slug__in=slugs).order_by("pk").values_list("pk"))


def _apply(old, annotation):
    """Copy the row's values onto the stored annotation; return whether anything changed."""
    changed = [name for name in UPDATED if getattr(old, name) != getattr(annotation, name)]
    for name in changed:
        setattr(old, name, getattr(annotation, name))
    return bool(changed)


def _write(new, changed, user, reason, progress, total):
    now = timezone.now()
    for start in range(0, len(new), BATCH * 10):
        created = Annotation.objects.bulk_create(new[start : start + BATCH * 10], batch_size=BATCH)
        history_copy_created(
            Annotation,
            [a.pk for a in created],
            user=user,
            reason=reason,
            date=now,
            using=Annotation.objects.db,
        )
        if progress:
            progress(total + min(start + BATCH * 10, len(new)), 2 * total)
    for annotation in changed:
        annotation.version += 1
        annotation.updated_at = now
    if changed:
        bulk_update_with_history(
            changed,
            Annotation,
            UPDATED + ["version", "updated_at"],
            batch_size=BATCH,
            default_user=user,
            default_change_reason=reason,
            default_date=now,
        )
    # Bulk writes send no save signals: tell the listeners (cached pages, the ranked evidence)
    # which rows were written, now that they are.
    content_changed.send(sender=Annotation, using=Annotation.objects.db, objects=[*new, *changed])


# ---- progress on a terminal --------------------------------------------------------------

PROGRESS_MIN_ROWS = 5000  # below this the import is over before a bar would help


class ProgressBar:
    """Draw a bar on stderr for long imports, silent at verbosity 0 and for short files."""

    def __init__(self, stream, verbosity, width=30):
        self.stream, self.verbosity, self.width = stream, verbosity, width
        self.shown = False
        self.began = time.perf_counter()

    def __call__(self, done, total):
        if self.verbosity < 1 or total < 2 * PROGRESS_MIN_ROWS:
            return
        filled = self.width * done // total
        rate = done / max(time.perf_counter() - self.began, 1e-6)
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (self.width - filled)}] {100 * done // total:3d}%  {rate:,.0f} steps/s",
            ending="",
        )
        self.stream.flush()
        self.shown = True

    def close(self):
        if self.shown:
            self.stream.write("")
            self.shown = False
