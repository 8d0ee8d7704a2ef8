"""Writes that touch the archive: importing articles, anchoring and publishing annotations."""
import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import update_change_reason

from textkit.encoding import DecodeError, decode_bytes
from textkit.paragraphs import split_paragraphs

from .models import Annotation, Article, Paragraph

CONTEXT_CHARS = 32


class SourceError(ValueError):
    """Bad input to an import: the message names the problem and its place."""


@dataclass(frozen=True)
class Anchor:
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int


def anchor_quote(text, quote, occurrence=1):
    """Return the Anchor of the n-th occurrence of quote in text, or raise ValueError."""
    if not quote:
        raise ValueError("empty quote")
    start = -1
    for _ in range(occurrence):
        start = text.find(quote, start + 1)
        if start < 0:
            raise ValueError(f"quote “{quote[:40]}” (occurrence {occurrence}) is not in the paragraph")
    end = start + len(quote)
    return Anchor(quote, text[max(0, start - CONTEXT_CHARS):start], text[end:end + CONTEXT_CHARS], start, end)


def decode_source(data, *, name):
    """Return the text of an uploaded source, or raise SourceError naming the file."""
    try:
        return decode_bytes(data)
    except DecodeError as exc:
        raise SourceError(f"{name}: {exc}") from exc


@transaction.atomic
def article_import(*, data, filename, title="", published_edtf="", published_text="", publish=False,
                   kinds=None, **fields):
    """Create an article and its paragraphs from a text file's bytes; return the article.

    One paragraph per non-empty line. ``kinds`` maps 1-based positions to paragraph kinds;
    ``fields`` are further Article fields (outlet, author, url, slug, script).
    """
    decoded = decode_source(data, name=filename)
    paragraphs = split_paragraphs(decoded.text)
    if not paragraphs:
        raise SourceError(f"{filename}: the file holds no text")
    article = Article(
        title=title or paragraphs[0][:120], published_edtf=published_edtf,
        published_text=published_text or published_edtf, is_published=publish, **fields, raw_file=data, raw_filename=filename, raw_encoding=decoded.encoding,
        raw_sha256=hashlib.sha256(data).hexdigest(),
    )
    _full_clean(article, exclude=["raw_file"])
    article.save()
    kinds = kinds or {}
    Paragraph.objects.bulk_create(
        Paragraph(article=article, position=n, text=text, kind=kinds.get(n, Paragraph.Kind.BODY),
                  fingerprint=_fingerprint(text))
        for n, text in enumerate(paragraphs, start=1)
    )
    return article


def _fingerprint(text):
    from .models import fingerprint

    return fingerprint(text)


def _full_clean(instance, exclude=None):
    try:
        instance.full_clean(exclude=exclude, validate_unique=True)
    except ValidationError as exc:
        messages = "; ".join(f"{field}: {' '.join(errs)}" for field, errs in exc.message_dict.items())
        raise SourceError(messages) from exc


@transaction.atomic
def annotations_set_status(*, queryset, status, user=None, reason=""):
    """Move annotations to a review status one by one, so history records who and why."""
    count = 0
    for annotation in queryset.select_related("paragraph").select_for_update():
        if annotation.status == status:
            continue
        annotation.status = status
        annotation.version += 1
        annotation._history_user = user
        annotation.save(update_fields=["status", "version", "updated_at"])
        if reason:
            update_change_reason(annotation, reason)
        count += 1
    return count


def annotation_create(*, paragraph, quote, occurrence=1, status=Annotation.Status.DRAFT, editor=None, **target):
    """Anchor quote in paragraph and create an annotation linked to one target."""
    anchor = anchor_quote(paragraph.text, quote, occurrence)
    annotation = Annotation(paragraph=paragraph, quote=anchor.quote, prefix=anchor.prefix, suffix=anchor.suffix,
                            start=anchor.start, end=anchor.end, status=status, editor=editor, **target)
    annotation.full_clean()
    annotation.save()
    return annotation
