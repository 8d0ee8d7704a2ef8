"""W3C Web Annotations in: a Hypothesis, Recogito or Annals export of an article we hold.

The article's text is its paragraphs joined by a blank line, as its page shows them; a
TextQuoteSelector is anchored in that text with ``textkit.anchoring.reanchor`` (a
TextPositionSelector, or a ``#p-N`` paragraph in the target's source, is only a hint), so a
client that counted offsets differently still lands on the right words. Bodies are resolved to
our records by IRI (the page of a person, organisation, event or ``person page#role-N``) or by
name (a tag); a textual body with another purpose becomes a note. All or nothing: every bad
item is a row error (its index in the file is the line) and nothing is written.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db import transaction
from django.utils.translation import gettext as _

from people.models import Organization, Person, Role
from textkit.anchoring import reanchor

from ..models import Annotation, Event
from .annotation_rows import ImportFailed, RowError
from .review import check_status_allowed

SEPARATOR = "\n\n"  # between paragraphs, in the whole-article text selectors are anchored in
CONTEXT = 32  # the shortest prefix and suffix exported; longer where needed to be unique
NAME_PURPOSES = {"tagging", "identifying", "classifying", None}


def article_text(paragraphs):
    """Return the whole text of paragraphs (in order) and each one's offset in it, by position."""
    offsets, parts, at = {}, [], 0
    for paragraph in paragraphs:
        offsets[paragraph.position] = at
        parts.append(paragraph.text)
        at += len(paragraph.text) + len(SEPARATOR)
    return SEPARATOR.join(parts), offsets


def _occurrences(text, needle):
    count, at = 0, text.find(needle)
    while at >= 0 and count < 2:
        count, at = count + 1, text.find(needle, at + 1)
    return count


def unique_context(text, start, end, minimum=CONTEXT):
    """Return (prefix, suffix) around text[start:end], grown until prefix+quote+suffix is unique."""
    size = minimum
    while True:
        prefix, suffix = text[max(0, start - size) : start], text[end : end + size]
        if _occurrences(text, prefix + text[start:end] + suffix) <= 1:
            return prefix, suffix
        if start - size <= 0 and end + size >= len(text):
            return prefix, suffix
        size *= 2


def utf16_length(text):
    """Return the length of text in UTF-16 code units (what JavaScript's ``String.length`` says)."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Parsed:
    index: int
    paragraph: object
    start: int
    end: int
    kind: str
    target: object


def items_of(data):
    """Return the annotations in a collection, page, list, Hypothesis export or single annotation."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise ImportFailed([RowError(0, "", _("expected a JSON object or list of annotations"))])
    for key in ("annotations", "rows", "items"):
        if isinstance(data.get(key), list):
            return data[key]
    if isinstance(data.get("first"), dict):
        items, page = [], data["first"]
        while isinstance(page, dict):
            items += page.get("items", [])
            page = page.get("next") if isinstance(page.get("next"), dict) else None
        return items
    return [data]


class Reader:
    """Turn one annotation (W3C or Hypothesis shape) into a Parsed item, or collect its errors."""

    def __init__(self, article):
        self.article = article
        self.paragraphs = list(article.paragraphs.order_by("position"))
        self.text, self.offsets = article_text(self.paragraphs)
        self.errors = []

    def error(self, index, column, reason):
        self.errors.append(RowError(index, column, reason))

    def read(self, index, item):
        if not isinstance(item, dict):
            return self.error(index, "", _("not an annotation object"))
        span = self._anchor(index, item)
        body = self._body(index, item)
        if span is None or body is None:
            return None
        return Parsed(index, *span, *body)

    def _target(self, item):
        target = item.get("target")
        if isinstance(target, list):
            target = target[0] if target else None
        return target if isinstance(target, dict) else None

    def _anchor(self, index, item):
        target = self._target(item)
        if target is None:
            return self.error(index, "target", _("no target with a selector"))
        source = str(target.get("source") or item.get("uri") or "")
        if not self._ours(source):
            return self.error(index, "target.source", _("“%(s)s” is not this article") % {"s": source[:80]})
        selectors = target.get("selector") or []
        selectors = selectors if isinstance(selectors, list) else [selectors]
        quote = next(
            (s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), None
        )
        if not quote or not quote.get("exact"):
            return self.error(index, "target.selector", _("no TextQuoteSelector with an exact quote"))
        placement = reanchor(
            self.text,
            quote=quote["exact"],
            prefix=quote.get("prefix", ""),
            suffix=quote.get("suffix", ""),
            hint=self._hint(source, selectors),
        )
        if placement is None:
            return self.error(
                index, "target.selector", _("quote “%(q)s” not found") % {"q": quote["exact"][:40]}
            )
        return self._in_paragraph(index, placement)

    def _ours(self, source):
        path = urlsplit(source).path
        ours = {self.article.get_absolute_url()}
        if self.article.url:
            ours.add(urlsplit(self.article.url).path or "/")
        return bool(path) and path in ours

    def _hint(self, source, selectors):
        position = next(
            (s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"), None
        )
        if position is None or not isinstance(position.get("start"), int):
            return None
        fragment = urlsplit(source).fragment
        paragraph = int(fragment[2:]) if fragment.startswith("p-") and fragment[2:].isdigit() else None
        return self.offsets.get(paragraph, 0) + position["start"]

    def _in_paragraph(self, index, placement):
        for paragraph in reversed(self.paragraphs):
            at = self.offsets[paragraph.position]
            if at <= placement.start:
                if placement.end > at + len(paragraph.text):
                    return self.error(index, "target.selector", _("the quote spans two paragraphs"))
                return paragraph, placement.start - at, placement.end - at
        return self.error(index, "target.selector", _("the quote is outside the article"))

    def _body(self, index, item):
        bodies = item.get("body", [])
        bodies = bodies if isinstance(bodies, list) else [bodies]
        bodies += [{"type": "TextualBody", "purpose": "tagging", "value": t} for t in item.get("tags") or []]
        if item.get("text"):
            bodies.append({"type": "TextualBody", "purpose": "commenting", "value": item["text"]})
        for body in bodies:
            iri = body if isinstance(body, str) else body.get("source") or body.get("id")
            if isinstance(iri, str) and "://" in iri:
                found = resolve_iri(iri)
                if found is None:
                    return self.error(
                        index, "body", _("“%(iri)s” is none of our records") % {"iri": iri[:80]}
                    )
                return found
        names = [
            b for b in bodies if isinstance(b, dict) and b.get("purpose") in NAME_PURPOSES and b.get("value")
        ]
        for body in names:
            found = resolve_name(body["value"])
            if found is None:
                return self.error(
                    index, "body", _("no person or organisation named “%(n)s”") % {"n": body["value"]}
                )
            return found
        notes = [b["value"] for b in bodies if isinstance(b, dict) and str(b.get("value", "")).strip()]
        if notes:
            return "note", notes[0].strip()
        return self.error(index, "body", _("no body: give a record IRI, a tag or a note"))


def _by_slug(model, path):
    slug = path.rstrip("/").rsplit("/", 1)[-1]
    record = model.objects.filter(slug=slug).first()
    return record if record is not None and record.get_absolute_url() == path else None


def resolve_iri(iri):
    """Return (kind, record) for the public page IRI of one of our records, or None."""
    parts = urlsplit(iri)
    if parts.fragment.startswith("role-") and parts.fragment[5:].isdigit():
        role = Role.objects.filter(pk=int(parts.fragment[5:])).select_related("person").first()
        ok = role is not None and role.person.get_absolute_url() == parts.path
        return ("role", role) if ok else None
    for kind, model in (("person", Person), ("organization", Organization), ("event", Event)):
        record = _by_slug(model, parts.path)
        if record is not None:
            return kind, record
    return None


def resolve_name(name):
    """Return (kind, record) for the one person, else the one organisation, named name (or alias)."""
    name = name.strip()
    for kind, model in (("person", Person), ("organization", Organization)):
        found = list(model.objects.filter(name=name)[:2]) or list(
            model.objects.filter(aliases__name=name).distinct()[:2]
        )
        if len(found) == 1:
            return kind, found[0]
    found = list(Person.objects.filter(slug=name)[:1]) + list(Organization.objects.filter(slug=name)[:1])
    return (
        (("person" if isinstance(found[0], Person) else "organization"), found[0])
        if len(found) == 1
        else None
    )


def _exists(parsed):
    target = {} if parsed.kind == "note" else {parsed.kind: parsed.target}
    body = {"body": parsed.target} if parsed.kind == "note" else {}
    return Annotation.objects.filter(
        paragraph=parsed.paragraph, start=parsed.start, end=parsed.end, **target, **body
    ).exists()


@transaction.atomic
def webannotations_import(*, data, article, user, dry_run=False, status=Annotation.Status.DRAFT):
    """Create the annotations in data on article; return {"created": n, "unchanged": n}.

    Raise ImportFailed listing every bad item (nothing is written); an annotation already held
    (same paragraph, span and target) is left as it is, so importing a file twice changes nothing.
    """
    check_status_allowed(user, status)
    reader = Reader(article)
    parsed = [p for i, item in enumerate(items_of(data), 1) if (p := reader.read(i, item)) is not None]
    if reader.errors:
        raise ImportFailed(reader.errors)
    counts = {"created": 0, "unchanged": 0}
    for item in parsed:
        if _exists(item):
            counts["unchanged"] += 1
            continue
        counts["created"] += 1
        if not dry_run:
            _create(item, user, status)
    if dry_run:
        transaction.set_rollback(True)
    return counts


def _create(item, user, status):
    text = item.paragraph.text
    prefix, suffix = text[max(0, item.start - CONTEXT) : item.start], text[item.end : item.end + CONTEXT]
    annotation = Annotation(
        paragraph=item.paragraph,
        quote=text[item.start : item.end],
        prefix=prefix,
        suffix=suffix,
        start=item.start,
        end=item.end,
        status=status,
        editor=user,
        body=item.target if item.kind == "note" else "",
        **({} if item.kind == "note" else {item.kind: item.target}),
    )
    annotation.full_clean(exclude=["editor"])
    annotation._history_user = user
    annotation._change_reason = "imported from W3C Web Annotations"
    annotation.save()
