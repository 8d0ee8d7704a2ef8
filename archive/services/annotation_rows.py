"""Reading and checking annotation rows from a CSV or XLSX file (columns: spreadsheets.py).

Against what a spreadsheet does to a CSV (``core.spreadsheets``): quote, prefix and suffix are
checked at the row's offsets; identifier and free-text cells in scientific notation are refused;
a fingerprint gets back its leading zeros; a note or comment that is the numeric reading of the
stored one (``007`` → ``7``) keeps the stored text.
"""

import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from core.spreadsheets import (
    TableError,
    looks_rewritten,
    mangled_reason,
    number_reading,
    read_table,
    spreadsheet_number,
)
from people.models import Organization, Person, Role

from ..models import Annotation, Article, Event, Paragraph, fingerprint
from .review import REVIEW_STATUSES

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


class RowErrors(ValueError):
    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(map(str, errors)))


FINGERPRINT = re.compile(r"^[0-9a-f]{12}$")
FREE_TEXT = (("note", "body"), ("comment", "comment"))


SIZED = ("prefix", "suffix")  # the columns stored in a CharField: checked against its max_length


class AnnotationRowReader:
    """Turn rows into unsaved Annotations, looking records up once and remembering keys seen.

    ``user`` is who imports (None: an operator at the command line, trusted like a reviewer).
    Only reviewers may import rows that are reviewed or published, and only reviewers may
    attribute rows to another editor: anyone else may name only themselves in ``editor``.
    """

    def __init__(self, user=None):
        self.user = user
        self.trusted = user is None or user.has_perm("archive.publish_annotation")
        self.articles = dict(Article.objects.values_list("slug", "pk"))
        self.paragraphs = {}  # (article pk, position) -> (pk, text, fingerprint)
        self.existing = {}  # key -> Annotation
        self.loaded = set()
        self.seen = {}
        self.targets = dict.fromkeys(KINDS[:-1])
        self.users = None
        self.restored = 0  # cells given back their stored text (a spreadsheet's number reading)

    def read(self, line, row):
        """Return (annotation, key) for a row, or raise RowErrors naming each bad column."""
        errors, add = [], lambda column, reason: errors.append(RowError(line, column, reason))
        paragraph = self._paragraph(row, add)
        start, end = self._offsets(row, add)
        kind, target_id = self._target(row, add)
        status = self._status(row, add)
        editor_id = self._editor(row, add)
        given_fingerprint = self._fingerprint(row, add)
        self._lengths(row, add)
        if paragraph and start is not None and not errors:
            self._check_quote(row, paragraph, start, end, add, given_fingerprint)
        key = (paragraph[0], start, end, kind, target_id) if paragraph and start is not None else None
        body, comment = self._free_text(row, self.existing.get(key), add)
        if errors:
            raise RowErrors(errors)
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
            body=body,
            comment=comment,
            status=status,
            editor_id=editor_id,
        )
        if kind != "note":
            setattr(annotation, f"{kind}_id", target_id)
        return annotation, key

    def _free_text(self, row, stored, add):
        """Return (note, comment): a stored value comes back where the cell is its number reading."""
        values = []
        for column, name in FREE_TEXT:
            value = row.get(column) or ""
            kept = getattr(stored, name) if stored is not None else None
            if kept is not None and number_reading(kept, value):
                value = kept
                self.restored += 1
            elif spreadsheet_number(value):
                add(column, mangled_reason(value))
            values.append(value)
        return values

    @staticmethod
    def _fingerprint(row, add):
        """Return the row's fingerprint (leading zeros a spreadsheet dropped put back), or ""."""
        value = (row.get("fingerprint") or "").strip().lower()
        if not value or FINGERPRINT.match(value):
            return value
        if value.isdigit() and len(value) < 12:
            return value.zfill(12)
        if spreadsheet_number(value):
            add("fingerprint", mangled_reason(value))
        else:
            add("fingerprint", _("“%(value)s” is not 12 hex digits") % {"value": value[:40]})
        return ""

    def _status(self, row, add):
        status = (row.get("status") or "").strip() or Annotation.Status.DRAFT
        if status not in Annotation.Status.values:
            add(
                "status",
                _("unknown status “%(status)s” (one of %(all)s)")
                % {"status": status, "all": ", ".join(Annotation.Status.values)},
            )
        elif status in REVIEW_STATUSES and not self.trusted:
            add("status", _("only reviewers may import %(status)s annotations") % {"status": status})
        return status

    @staticmethod
    def _lengths(row, add):
        for column in SIZED:
            limit = Annotation._meta.get_field(column).max_length
            if len(row.get(column) or "") > limit:
                add(
                    column,
                    _("%(length)s characters; at most %(limit)s fit")
                    % {"length": len(row[column]), "limit": limit},
                )

    def _paragraph(self, row, add):
        slug = (row.get("article") or "").strip()
        if spreadsheet_number(slug):
            return add("article", mangled_reason(slug))
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
        if spreadsheet_number(text):
            add("target", mangled_reason(text))
            return kind, None
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
        if spreadsheet_number(username):
            return add("editor", mangled_reason(username))
        if self.users is None:
            User = get_user_model()
            self.users = dict(User.objects.values_list(User.USERNAME_FIELD, "pk"))
        if username not in self.users:
            add("editor", _("unknown user “%(name)s”") % {"name": username})
        elif not self.trusted and username != self.user.get_username():
            add(
                "editor",
                _("only reviewers may attribute rows to another editor (“%(name)s”)") % {"name": username},
            )
        return self.users.get(username)

    @staticmethod
    def _check_quote(row, paragraph, start, end, add, given=""):
        _pk, text, current = paragraph
        quote = row.get("quote") or ""
        if quote and text[start:end] == quote:
            _check_context(row, text, start, end, add)
            return
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


def _check_context(row, text, start, end, add):
    """Add an error for a prefix or suffix that is not the paragraph's text around the quote."""
    prefix, suffix = row.get("prefix") or "", row.get("suffix") or ""
    before, after = text[max(0, start - len(prefix)) : start], text[end : end + len(suffix)]
    checks = (
        (
            "prefix",
            prefix,
            before,
            _("prefix “%(given)s” is not the text before the quote; the paragraph has “%(actual)s”%(hint)s"),
        ),
        (
            "suffix",
            suffix,
            after,
            _("suffix “%(given)s” is not the text after the quote; the paragraph has “%(actual)s”%(hint)s"),
        ),
    )
    for column, given, actual, message in checks:
        if given and given != actual:
            hint = _(" (a spreadsheet may have rewritten it)") if looks_rewritten(actual, given) else ""
            add(column, message % {"given": given[:40], "actual": actual[:40], "hint": hint})


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
