"""A published article with its public annotations as TEI P5 (https://tei-c.org/guidelines/p5/).

The header's ``fileDesc`` names the article (``titleStmt``), this archive as the publisher of
the file (``publicationStmt``, with the file's own address) and the source (``sourceDesc``: a
``bibl`` with the outlet, the publication date and the source URL; for a reprint, a
``relatedItem type="original"`` describing the article it copies).

The text keeps every paragraph in order with its id (``xml:id="p-N"``, the article page's
anchor): body paragraphs are ``<p>``; a heading opens a ``<div>`` as its ``<head>``; captions,
metadata, boilerplate and duplicates are ``<ab type="…">`` so a reader can drop them. Each public
annotation (``archive.public``: published, anchored, on a published article) wraps its words:
``<persName ref>``, ``<orgName ref>``, ``<rs type="role|event" ref>``, ``<seg type="note">`` (the
note itself in ``<back>``), ``ref`` being the record's page and ``corresp`` the annotation's W3C
IRI. Where a role's or an event's date phrase (``1999年9月``) stands inside its quote, it is a
``<date>`` with ``when`` when the EDTF value is a plain ISO year, month or day, else ``notBefore``
and ``notAfter`` from its bounds: raw EDTF (``2003~``, ``1999/2002``) never reaches ``when``.

XML needs spans to nest. Nested spans nest; a span crossing another's end is split there, its
fragments chained with ``next``/``prev`` (the first keeps the id ``a<pk>``, the others
``a<pk>.2``…): the Guidelines' way to encode a discontinuous element (16.7, "Aggregation"), and it
keeps every annotation inline, where annotation tools that read TEI look for names.
"""

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from django.urls import reverse

from archive import public
from archive.models import Annotation
from core.text import xml_safe

from . import jsonld

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MEDIA_TYPE = "application/tei+xml; charset=utf-8"
PUBLISHER = "Annals"
SCRIPTS = {"simplified": "zh-Hans", "traditional": "zh-Hant"}
SET_APART = {"caption", "metadata", "boilerplate", "duplicate"}
# For spans over the very same words, the outer element first: events hold roles, which hold names.
DEPTH = {"event": 0, "role": 1, "organization": 2, "person": 3, "note": 4, "date": 5}

ET.register_namespace("", TEI_NS)


def tag(name):
    return f"{{{TEI_NS}}}{name}"


def date_attributes(edtf, lower, upper):
    """Return TEI dating attributes of an EDTF value: ``when`` if it is ISO, else its bounds."""
    iso = jsonld.iso_date(edtf)
    if iso:
        return {"when": iso}
    if lower and upper:
        return {"notBefore": lower.isoformat(), "notAfter": upper.isoformat()}
    return {}


@dataclass(eq=False)
class Span:
    """Words of one paragraph to wrap in one element (split into pieces where spans cross)."""

    start: int
    end: int
    kind: str
    order: int
    name: str
    attrs: dict
    ident: str
    pieces: list = field(default_factory=list)

    def key(self):
        return (self.start, -self.end, DEPTH[self.kind], self.order)


@dataclass(eq=False)
class Piece:
    span: Span
    start: int
    end: int
    children: list = field(default_factory=list)


def nest(pieces):
    """Return pieces as a forest: each piece holds what lies inside it; crossing pieces are split."""
    pieces = sorted(pieces, key=lambda p: (p.start, -p.end, DEPTH[p.span.kind], p.span.order))
    forest = []
    while pieces:
        head, inside, rest = pieces[0], [], []
        for piece in pieces[1:]:
            if piece.start >= head.end:
                rest.append(piece)
            elif piece.end <= head.end:
                inside.append(piece)
            else:  # crosses head's end: the part inside nests, the remainder follows
                inside.append(Piece(piece.span, piece.start, head.end))
                rest.append(Piece(piece.span, head.end, piece.end))
        head.children = nest(inside)
        forest.append(head)
        pieces = sorted(rest, key=lambda p: (p.start, -p.end, DEPTH[p.span.kind], p.span.order))
    return forest


def number_pieces(forest):
    """Record each span's pieces in document order (they get their ids and links from it)."""
    for piece in forest:
        piece.span.pieces.append(piece)
        number_pieces(piece.children)


def piece_id(piece):
    index = piece.span.pieces.index(piece)
    return piece.span.ident if index == 0 else f"{piece.span.ident}.{index + 1}"


def render(element, text, start, end, forest):
    """Write text[start:end] into element, with the pieces of forest as child elements."""
    position, last = start, None
    for piece in forest:
        _append(element, last, text[position : piece.start])
        pieces = piece.span.pieces
        attrs = (
            dict(piece.span.attrs)
            if pieces[0] is piece
            else {k: v for k, v in piece.span.attrs.items() if k in ("type", "ref")}
        )
        attrs[XML_ID] = piece_id(piece)
        index = pieces.index(piece)
        if index + 1 < len(pieces):
            attrs["next"] = "#" + piece_id(pieces[index + 1])
        if index > 0:
            attrs["prev"] = "#" + piece_id(pieces[index - 1])
        child = ET.SubElement(element, tag(piece.span.name), attrs)
        render(child, text, piece.start, piece.end, piece.children)
        last, position = child, piece.end
    _append(element, last, text[position:end])


def _append(element, last, chunk):
    if not chunk:
        return
    chunk = xml_safe(chunk)  # what XML cannot hold (stored text is normalised, so rarely anything)
    if last is None:
        element.text = (element.text or "") + chunk
    else:
        last.tail = (last.tail or "") + chunk


class Builder:
    """Build one article's TEI document; ``absolute`` turns a path into an IRI."""

    def __init__(self, article, absolute):
        self.article = article
        self.absolute = absolute
        self.notes = []

    def annotations(self):
        return (
            Annotation.objects.public()
            .filter(paragraph__article=self.article)
            .select_related("person", "organization", "event", "role__person")
            .order_by("paragraph__position", "start", "pk")
        )

    def spans(self, annotation, paragraph_text):
        """Return the spans of one annotation: its element, and the date phrases inside it."""
        kind = annotation.target_kind
        if paragraph_text[annotation.start : annotation.end] != annotation.quote:
            return []  # no longer at its offsets: not public evidence (re-anchoring will place it)
        iri = self.absolute(reverse("reading:annotation", args=[annotation.pk]))
        attrs = {"corresp": iri}
        record = annotation.target
        if kind == "person":
            name, attrs["ref"] = "persName", self.absolute(record.get_absolute_url())
        elif kind == "organization":
            name, attrs["ref"] = "orgName", self.absolute(record.get_absolute_url())
        elif kind == "role":
            name = "rs"
            attrs.update(
                type="role", ref=self.absolute(f"{record.person.get_absolute_url()}#role-{record.pk}")
            )
        elif kind == "event":
            name = "rs"
            attrs.update(type="event", ref=self.absolute(record.get_absolute_url()))
        else:
            name = "seg"
            attrs["type"] = "note"
            self.notes.append((f"a{annotation.pk}", annotation.body))
        spans = [
            Span(annotation.start, annotation.end, kind, annotation.pk, name, attrs, f"a{annotation.pk}")
        ]
        for which, phrase, dates in self.date_phrases(annotation):
            at = annotation.quote.find(phrase)
            if phrase and at >= 0 and dates:
                start = annotation.start + at
                ident = f"a{annotation.pk}-{which}"
                spans.append(Span(start, start + len(phrase), "date", annotation.pk, "date", dates, ident))
        return spans

    def date_phrases(self, annotation):
        role, event = annotation.role, annotation.event
        if role is not None:
            yield (
                "start",
                role.start_text,
                date_attributes(role.start_edtf, role.start_lower, role.start_upper),
            )
            yield "end", role.end_text, date_attributes(role.end_edtf, role.end_lower, role.end_upper)
        if event is not None:
            yield (
                "date",
                event.date_text,
                date_attributes(event.date_edtf, event.date_lower, event.date_upper),
            )

    def paragraph_forest(self, paragraph, annotations):
        spans, dates = [], set()
        for annotation in annotations:
            for span in self.spans(annotation, paragraph.text):
                if span.kind == "date":  # one <date> per phrase, however many records cite it
                    key = (span.start, span.end, tuple(sorted(span.attrs.items())))
                    if key in dates:
                        continue
                    dates.add(key)
                spans.append(span)
        forest = nest([Piece(span, span.start, span.end) for span in spans])
        number_pieces(forest)
        return forest

    def header(self, root):
        article = self.article
        header = ET.SubElement(root, tag("teiHeader"))
        file_desc = ET.SubElement(header, tag("fileDesc"))
        title_stmt = ET.SubElement(file_desc, tag("titleStmt"))
        ET.SubElement(title_stmt, tag("title")).text = article.title
        if article.author:
            ET.SubElement(title_stmt, tag("author")).text = article.author
        publication = ET.SubElement(file_desc, tag("publicationStmt"))
        ET.SubElement(publication, tag("publisher")).text = PUBLISHER
        url = reverse("reading:article-tei", kwargs={"slug": article.slug})
        ET.SubElement(publication, tag("idno"), {"type": "URI"}).text = self.absolute(url)
        source = ET.SubElement(file_desc, tag("sourceDesc"))
        bibl = self.bibl(source, article)
        original = article.reprint_of
        if original is not None and original.is_published:
            related = ET.SubElement(
                bibl,
                tag("relatedItem"),
                {"type": "original", "target": self.absolute(original.get_absolute_url())},
            )
            self.bibl(related, original)

    def bibl(self, parent, article):
        bibl = ET.SubElement(parent, tag("bibl"))
        ET.SubElement(bibl, tag("title")).text = article.title
        if article.author:
            ET.SubElement(bibl, tag("author")).text = article.author
        if article.outlet:
            ET.SubElement(bibl, tag("publisher")).text = article.outlet
        dates = date_attributes(article.published_edtf, article.published_lower, article.published_upper)
        if article.published_text or dates:
            ET.SubElement(bibl, tag("date"), dates).text = article.published_text or article.published_edtf
        if article.url:
            ET.SubElement(bibl, tag("ref"), {"target": article.url}).text = article.url
        ET.SubElement(
            bibl, tag("ptr"), {"type": "archive", "target": self.absolute(article.get_absolute_url())}
        )
        return bibl

    def body(self, text):
        body = ET.SubElement(text, tag("body"))
        by_paragraph = {}
        for annotation in self.annotations():
            by_paragraph.setdefault(annotation.paragraph_id, []).append(annotation)
        div = None
        for paragraph in self.article.paragraphs.order_by("position"):
            if div is None or paragraph.kind == "heading":
                div = ET.SubElement(body, tag("div"))
            if paragraph.kind == "heading":
                element = ET.SubElement(div, tag("head"))
            elif paragraph.kind in SET_APART:
                element = ET.SubElement(div, tag("ab"), {"type": paragraph.kind})
            else:
                element = ET.SubElement(div, tag("p"))
            element.set(XML_ID, f"p-{paragraph.position}")
            element.set("n", str(paragraph.position))
            forest = self.paragraph_forest(paragraph, by_paragraph.get(paragraph.pk, []))
            render(element, paragraph.text, 0, len(paragraph.text), forest)
        if div is None:
            ET.SubElement(ET.SubElement(body, tag("div")), tag("p"))

    def back(self, text):
        back = ET.SubElement(text, tag("back"))
        div = ET.SubElement(back, tag("div"), {"type": "notes"})
        for ident, body in self.notes:
            ET.SubElement(div, tag("note"), {"type": "annotation", "target": "#" + ident}).text = body

    def document(self):
        root = ET.Element(tag("TEI"), {XML_LANG: language(self.article)})
        self.header(root)
        text = ET.SubElement(root, tag("text"))
        self.body(text)
        if self.notes:
            self.back(text)
        return root


def language(article):
    """Return the BCP 47 tag of the article's text: Chinese with its script, else as stored."""
    if article.language == "zh" and article.script in SCRIPTS:
        return SCRIPTS[article.script]
    return article.language


def article_tei(article, absolute):
    """Return the article as a TEI P5 document (UTF-8 bytes with the XML declaration)."""
    root = Builder(article, absolute).document()
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode").encode() + b"\n"
    )


def public_article(slug):
    """Return the published article slug (with the original it copies), or None."""
    return public.articles().select_related("reprint_of").filter(slug=slug).first()
