"""Writes of articles: importing a source file as an article and its classified paragraphs."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction

from core.uploads import upload_too_large
from textkit.classify import classify
from textkit.encoding import DecodeError, decode_bytes
from textkit.fold import to_simplified
from textkit.html import Extracted, extract_article, is_html
from textkit.paragraphs import split_paragraphs

from ..models import Article, Paragraph, fingerprint
from . import reprints


class SourceError(ValueError):
    """Bad input to an import: the message names the problem and its place."""


def decode_source(data, *, name):
    """Return the text of an uploaded source, or raise SourceError naming the file."""
    try:
        return decode_bytes(data)
    except DecodeError as exc:
        raise SourceError(f"{name}: {exc}") from exc


@transaction.atomic
def article_import(
    *, data, filename, title="", published_edtf="", published_text="", publish=False, kinds=None, **fields
):
    """Create an article and its paragraphs from a text or HTML file's bytes; return the article.

    Plain text gives one paragraph per non-empty line, an HTML page the paragraphs of its article
    body. ``kinds`` maps 1-based positions to paragraph kinds (the rest are body); without it the
    paragraphs are classified. ``fields`` are further Article fields (outlet, author, url, slug,
    script). The article is then checked against the archive and, when a reprint, aligned.
    """
    too_large = upload_too_large(len(data), name=filename)
    if too_large:
        raise SourceError(too_large)
    decoded = decode_source(data, name=filename)
    source = read_source(decoded.text)
    if not source.paragraphs:
        raise SourceError(f"{filename}: the file holds no text")
    classified = paragraph_kinds(source.paragraphs, kinds, source.heading_positions)
    fields.setdefault("script", guess_script(source.paragraphs))
    article = Article(
        title=title or _title(source, classified),
        published_edtf=published_edtf,
        published_text=published_text or published_edtf,
        is_published=publish,
        **fields,
        raw_file=data,
        raw_filename=filename,
        raw_encoding=decoded.encoding,
        raw_sha256=hashlib.sha256(data).hexdigest(),
    )
    _full_clean(article, exclude=["raw_file"])
    article.save()
    Paragraph.objects.bulk_create(
        Paragraph(
            article=article,
            position=n,
            text=text,
            kind=kind,
            kind_note=note[:300],
            fingerprint=fingerprint(text),
        )
        for n, (text, (kind, note)) in enumerate(zip(source.paragraphs, classified), start=1)
    )
    reprints.article_detect_reprint(article=article)
    return article


def read_source(text):
    """Return the title, paragraphs and heading positions of a plain-text or HTML source."""
    if is_html(text):
        return extract_article(text)
    return Extracted("", split_paragraphs(text), [])


def paragraph_kinds(paragraphs, kinds=None, heading_positions=()):
    """Return a (kind, note) per paragraph: the given kinds (1-based, default body), else classified ones."""
    if kinds is not None:
        return [(kinds.get(n, Paragraph.Kind.BODY), "") for n in range(1, len(paragraphs) + 1)]
    classified = [(c.kind, c.note) for c in classify(paragraphs)]
    for i in heading_positions:
        if classified[i][0] == Paragraph.Kind.BODY:
            classified[i] = (Paragraph.Kind.HEADING, "a heading in the page")
    return reprints.mark_sentence_repeats(paragraphs, classified)


def guess_script(paragraphs):
    """Return traditional when converting the text to simplified characters changes much of it."""
    text = "".join(paragraphs)[:5000]
    changed = sum(a != b for a, b in zip(text, to_simplified(text)))
    return Article.Script.TRADITIONAL if changed > 0.03 * max(len(text), 1) else Article.Script.SIMPLIFIED


def _title(source, classified):
    if source.title:
        return source.title[:300]
    titled = [text for text, (_, note) in zip(source.paragraphs, classified) if note == "title"]
    return (titled or source.paragraphs)[0][:120]


def _full_clean(instance, exclude=None):
    try:
        instance.full_clean(exclude=exclude, validate_unique=True)
    except ValidationError as exc:
        messages = "; ".join(f"{field}: {' '.join(errs)}" for field, errs in exc.message_dict.items())
        raise SourceError(messages) from exc
