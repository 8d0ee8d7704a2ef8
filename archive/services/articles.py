"""Writes of articles: importing a source file as an article and its classified paragraphs."""

import hashlib
import re

from django.core.exceptions import ValidationError
from django.db import transaction

from core.uploads import upload_too_large
from textkit.dates import parse_phrase
from textkit.encoding import DecodeError
from textkit.fold import to_simplified
from textkit.sources import Source, read_source

from ..models import Article, Paragraph, fingerprint
from . import reprints

# A machine timestamp after a date (2022-02-19 10:12, 2017-09-12T08:00:00+08:00) says no more
# about the day than the date itself.
_TIME_TAIL = re.compile(
    r"^(?P<date>\S+?)(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)$"
)


class SourceError(ValueError):
    """Bad input to an import: the message names the problem and its place."""


def source_read(data, *, filename, content_type=None):
    """Return the textkit Source of a file's bytes, or raise SourceError naming the file."""
    too_large = upload_too_large(len(data), name=filename)
    if too_large:
        raise SourceError(too_large)
    try:
        source = read_source(data, filename=filename, content_type=content_type)
    except DecodeError as exc:
        raise SourceError(f"{filename}: {exc}") from exc
    if not source.paragraphs:
        raise SourceError(f"{filename}: the file holds no text")
    return source


@transaction.atomic
def article_import(
    *,
    data,
    filename,
    title="",
    published_edtf="",
    published_text="",
    publish=False,
    kinds=None,
    content_type=None,
    **fields,
):
    """Create an article and its paragraphs from a text, markdown or HTML file's bytes; return it.

    ``textkit.sources.read_source`` decodes the bytes (``content_type``, an HTTP header, may name
    the charset), extracts the article of a page and classifies its paragraphs. Title, author and
    publication date come from the source when not given. ``kinds`` maps 1-based positions to
    paragraph kinds (the rest are body) instead of the classification. ``fields`` are further
    Article fields (outlet, author, url, slug, script, retrieved_at). The article is then checked
    against the archive and, when a reprint, aligned.
    """
    source = source_read(data, filename=filename, content_type=content_type)
    texts = [text for text, _kind, _note in source.paragraphs]
    classified = paragraph_kinds(source, kinds)
    fields.setdefault("script", guess_script(texts))
    fields["author"] = fields.get("author") or source.author[:200]
    if not (published_edtf or published_text):
        published_text, published_edtf = published_from(source.published)
    article = Article(
        title=title or _title(source),
        published_edtf=published_edtf,
        published_text=published_text or published_edtf,
        is_published=publish,
        **fields,
        raw_file=data,
        raw_filename=filename[:255],
        raw_encoding=source.encoding,
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
        for n, (text, (kind, note)) in enumerate(zip(texts, classified), start=1)
    )
    reprints.article_detect_reprint(article=article)
    return article


def paragraph_kinds(source: Source, kinds=None):
    """Return a (kind, note) per paragraph: the given kinds (1-based, default body), else the source's.

    Classified, a line that only repeats the sentences of the line before is marked duplicate;
    given kinds are the editor's word and stand as given.
    """
    if kinds is not None:
        return [(kinds.get(n, Paragraph.Kind.BODY), "") for n in range(1, len(source.paragraphs) + 1)]
    texts = [text for text, _kind, _note in source.paragraphs]
    classified = [(kind, note) for _text, kind, note in source.paragraphs]
    return reprints.mark_sentence_repeats(texts, classified)


def published_from(printed):
    """Return (text, EDTF) of a publication date as a source prints it; the EDTF only when honest.

    ``2017年9月12日`` and ``2022-02-19 10:12`` give a day; a phrase textkit.dates cannot read
    exactly keeps its text and no value (an editor dates it).
    """
    printed = " ".join((printed or "").split())
    if not printed:
        return "", ""
    phrase = parse_phrase(printed)
    timed = _TIME_TAIL.match(printed)
    if phrase is None and timed:
        phrase = parse_phrase(timed["date"])
    return printed[:120], (phrase.edtf or "") if phrase is not None else ""


def guess_script(paragraphs):
    """Return traditional when converting the text to simplified characters changes much of it."""
    text = "".join(paragraphs)[:5000]
    changed = sum(a != b for a, b in zip(text, to_simplified(text)))
    return Article.Script.TRADITIONAL if changed > 0.03 * max(len(text), 1) else Article.Script.SIMPLIFIED


def _title(source):
    return (source.title or source.paragraphs[0][0][:120])[:300]


def _full_clean(instance, exclude=None):
    try:
        instance.full_clean(exclude=exclude, validate_unique=True)
    except ValidationError as exc:
        messages = "; ".join(f"{field}: {' '.join(errs)}" for field, errs in exc.message_dict.items())
        raise SourceError(messages) from exc
