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
Cells are read and written as described in ``people.resources`` (encodings, formulae).
"""

import time
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from core.signals import content_changed
from core.spreadsheets import TableError, read_table, write_table
from people.models import Organization, Person, Role

from ..models import Annotation, Article, Event, Paragraph, fingerprint
from .history import history_copy_created

COLUMNS = [
    "article",
    "paragraph",
    "fingerprint",
    "quote",
    "prefix",
    "suffix",
    "start",
    "end",
    "target_kind",
    "target",
    "note",
    "comment",
    "status",
    "editor",
]
REQUIRED = ["article", "paragraph", "quote", "start", "end", "target_kind"]
KINDS = ("person", "role", "event", "organization", "note")
_UNKNOWN = {
    "person": lambda: _("unknown person “%(key)s” (give a slug)"),
    "organization": lambda: _("unknown organisation “%(key)s” (give a slug)"),
    "role": lambda: _("unknown role “%(key)s” (give person-slug|title|organisation-slug|start-edtf)"),
    "event": lambda: _("unknown event “%(key)s” (give title|date-edtf)"),
}
UPDATED = ["quote", "prefix", "suffix", "body", "comment", "status", "editor_id"]
BATCH = 1000


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    reason: str

    def __str__(self):
        return _("line %(line)s, column %(column)s: %(reason)s") % {
            "line": self.line,
            "column": self.column or "-",
            "reason": self.reason,
        }


class ImportFailed(ValueError):
    """A file with bad rows; ``errors`` lists every one of them."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("; ".join(map(str, self.errors[:3])) + (" …" if len(self.errors) > 3 else ""))


@dataclass
class ImportSummary:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
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
    return write_table(COLUMNS, [[row[c] for c in COLUMNS] for row in rows], fmt)


# ---- reading rows ------------------------------------------------------------------------


class RowErrors(ValueError):
    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(map(str, errors)))


class AnnotationRowReader:
    """Turn rows into unsaved Annotations, looking records up once and remembering keys seen."""

    def __init__(self):
        self.articles = dict(Article.objects.values_list("slug", "pk"))
        self.paragraphs = {}  # (article pk, position) -> (pk, text, fingerprint)
        self.existing = {}  # key -> Annotation
        self.loaded = set()
        self.seen = {}
        self.targets = dict.fromkeys(KINDS[:-1])
        self.users = None

    def read(self, line, row):
        """Return (annotation, key) for a row, or raise RowErrors naming each bad column."""
        errors, add = [], lambda column, reason: errors.append(RowError(line, column, reason))
        paragraph = self._paragraph(row, add)
        start, end = self._offsets(row, add)
        kind, target_id = self._target(row, add)
        status = (row.get("status") or "").strip() or Annotation.Status.DRAFT
        if status not in Annotation.Status.values:
            add(
                "status",
                _("unknown status “%(status)s” (one of %(all)s)")
                % {"status": status, "all": ", ".join(Annotation.Status.values)},
            )
        editor_id = self._editor(row, add)
        if paragraph and start is not None and not errors:
            self._check_quote(row, paragraph, start, end, add)
        if errors:
            raise RowErrors(errors)
        key = (paragraph[0], start, end, kind, target_id)
        first = self.seen.setdefault(key, line)
        if first != line:
            raise RowErrors(
                [
                    RowError(
                        line,
                        "target",
                        _("duplicate of line %(line)s (same paragraph, start, end and target)")
                        % {"line": first},
                    )
                ]
            )
        annotation = Annotation(
            paragraph_id=paragraph[0],
            quote=row["quote"],
            prefix=row.get("prefix") or "",
            suffix=row.get("suffix") or "",
            start=start,
            end=end,
            body=row.get("note") or "",
            comment=row.get("comment") or "",
            status=status,
            editor_id=editor_id,
        )
        if kind != "note":
            setattr(annotation, f"{kind}_id", target_id)
        return annotation, key

    def _paragraph(self, row, add):
        slug = (row.get("article") or "").strip()
        article_pk = self.articles.get(slug)
        if article_pk is None:
            return add("article", _("unknown article “%(slug)s”") % {"slug": slug})
        self._load_article(article_pk)
        position = _int(row.get("paragraph"))
        paragraph = self.paragraphs.get((article_pk, position))
        if paragraph is None:
            return add(
                "paragraph",
                _("article “%(slug)s” has no paragraph %(position)s")
                % {"slug": slug, "position": row.get("paragraph")},
            )
        return paragraph

    def _load_article(self, article_pk):
        if article_pk in self.loaded:
            return
        self.loaded.add(article_pk)
        for pk, position, text in Paragraph.objects.filter(article_id=article_pk).values_list(
            "pk", "position", "text"
        ):
            self.paragraphs[(article_pk, position)] = (pk, text, fingerprint(text))
        for annotation in Annotation.objects.filter(paragraph__article_id=article_pk).order_by("-pk"):
            self.existing[self.key_of(annotation)] = annotation

    @staticmethod
    def key_of(annotation):
        kind = annotation.target_kind
        return (
            annotation.paragraph_id,
            annotation.start,
            annotation.end,
            kind,
            None if kind == "note" else getattr(annotation, f"{kind}_id"),
        )

    def _offsets(self, row, add):
        start, end = _int(row.get("start")), _int(row.get("end"))
        if start is None or start < 0:
            add("start", _("“%(value)s” is not an offset (0, 1, 2…)") % {"value": row.get("start")})
        if end is None or end < 0:
            add("end", _("“%(value)s” is not an offset (0, 1, 2…)") % {"value": row.get("end")})
        elif start is not None and start >= end:
            add("end", _("end %(end)s is not after start %(start)s") % {"end": end, "start": start})
        return (start, end) if start is not None and end is not None and 0 <= start < end else (None, None)

    def _target(self, row, add):
        kind, text, note = (
            (row.get("target_kind") or "").strip(),
            (row.get("target") or "").strip(),
            row.get("note") or "",
        )
        if kind not in KINDS:
            return add(
                "target_kind",
                _("unknown target kind “%(kind)s” (one of %(all)s)")
                % {"kind": kind, "all": ", ".join(KINDS)},
            ) or (None, None)
        if kind == "note":
            if not note.strip():
                add("note", _("a note annotation needs the note's text"))
            if text:
                add("target", _("a note has no target; leave the cell empty"))
            return kind, None
        if note:
            add("note", _("only a note annotation carries a note; this one is a %(kind)s") % {"kind": kind})
        if self.targets[kind] is None:
            self.targets[kind] = _target_keys(kind)
        target_id = self.targets[kind].get(_normal_key(kind, text))
        if target_id is None:
            add("target", _UNKNOWN[kind]() % {"key": text})
        return kind, target_id

    def _editor(self, row, add):
        username = (row.get("editor") or "").strip()
        if not username:
            return None
        if self.users is None:
            User = get_user_model()
            self.users = dict(User.objects.values_list(User.USERNAME_FIELD, "pk"))
        if username not in self.users:
            add("editor", _("unknown user “%(name)s”") % {"name": username})
        return self.users.get(username)

    @staticmethod
    def _check_quote(row, paragraph, start, end, add):
        _pk, text, current = paragraph
        quote = row.get("quote") or ""
        if quote and text[start:end] == quote:
            return
        given = (row.get("fingerprint") or "").strip()
        changed = (
            _(" (the paragraph changed since the export: fingerprint %(given)s, now %(now)s)")
            % {"given": given, "now": current}
            if given and given != current
            else ""
        )
        found = text.find(quote) if quote else -1
        where = (
            _("it occurs at %(at)s") % {"at": found}
            if found >= 0
            else _("it does not occur in the paragraph")
        )
        add(
            "quote",
            _("quote “%(quote)s” is not at %(start)s–%(end)s; %(where)s%(changed)s")
            % {"quote": quote[:40], "start": start, "end": end, "where": where, "changed": changed},
        )


def _int(value):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _normal_key(kind, text):
    if kind == "role":
        parts = text.split("|")
        if len(parts) < 4:
            return None
        return (parts[0].strip(), "|".join(parts[1:-2]).strip(), parts[-2].strip(), parts[-1].strip())
    if kind == "event":
        title, _sep, date = text.rpartition("|")
        return (title.strip(), date.strip())
    return text


def _target_keys(kind):
    """Return every record of a kind by its natural key: authority tables are small."""
    if kind == "person":
        return dict(Person.objects.values_list("slug", "pk"))
    if kind == "organization":
        return dict(Organization.objects.values_list("slug", "pk"))
    if kind == "event":
        return {
            (title, date): pk for pk, title, date in Event.objects.values_list("pk", "title", "date_edtf")
        }
    rows = Role.objects.values_list("pk", "person__slug", "title", "organization__slug", "start_edtf")
    return {(person, title, org or "", start): pk for pk, person, title, org, start in rows}


# ---- the fast import ---------------------------------------------------------------------


def read_rows(data, filename):
    """Return [(line, row dict)] of a file, or raise ImportFailed for an unreadable one."""
    try:
        headers, rows = read_table(data, filename)
    except TableError as exc:
        raise ImportFailed([RowError(1, "", str(exc))]) from exc
    missing = [column for column in REQUIRED if column not in headers]
    unknown = [column for column in headers if column not in COLUMNS]
    if missing or unknown:
        reason = _("missing columns: %(missing)s; unknown columns: %(unknown)s") % {
            "missing": ", ".join(missing) or "-",
            "unknown": ", ".join(unknown) or "-",
        }
        raise ImportFailed([RowError(1, "", reason)])
    return [(line, dict(zip(headers, cells))) for line, cells in rows]


@transaction.atomic
def annotations_import(*, data, filename, dry_run=False, user=None, progress=None):
    """Check every row of a file, then create and update its annotations in one go.

    Raise ImportFailed listing every bad row (nothing written). ``progress(done, total)`` is
    called while rows are checked and written.
    """
    began = time.perf_counter()
    rows = read_rows(data, filename)
    reader, errors, new, changed = AnnotationRowReader(), [], [], []
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
    summary.created, summary.updated, summary.unchanged = (
        len(new),
        len(changed),
        len(rows) - len(new) - len(changed),
    )
    if not dry_run:
        _write(new, changed, user, _("imported from %(file)s") % {"file": filename}, progress, len(rows))
    summary.seconds = time.perf_counter() - began
    return summary


def _apply(old, annotation):
    """Copy the row's values onto the stored annotation; return whether anything changed."""
    changed = [name for name in UPDATED if getattr(old, name) != getattr(annotation, name)]
    for name in changed:
        setattr(old, name, getattr(annotation, name))
    return bool(changed)


def _write(new, changed, user, reason, progress, total):
    # Bulk writes send no save signals: move the content version so cached pages are redrawn.
    content_changed.send(sender=Annotation, using=Annotation.objects.db)
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
