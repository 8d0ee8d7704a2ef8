"""Our published annotations as W3C Web Annotations (https://www.w3.org/TR/annotation-model/).

One annotation: ``id`` its IRI, ``target`` the paragraph (``article page#p-N``) with a
TextQuoteSelector whose prefix and suffix are long enough (32 characters or more) for the quote
to be unique in the whole article text (paragraphs joined by a blank line, as the page shows
them: a client anchoring in the whole page, as Hypothesis does, finds the one right place), and
a TextPositionSelector in Unicode code points inside the paragraph, as the model asks. Where a
JavaScript client's UTF-16 offsets differ (a character outside the BMP before or in the quote),
the position selector also carries ``utf16Start``/``utf16End``, terms of our own context.
The body is the page of what the span is evidence of, with a purpose, and its name as a tag;
a note is a TextualBody. Collections page over an article's annotations (annotation-protocol).
"""

import datetime

from django.urls import reverse

from archive import public
from archive.models import Annotation
from archive.services.webannotations import article_text, unique_context, utf16_length

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
LDP_CONTEXT = "http://www.w3.org/ns/ldp.jsonld"
MEDIA_TYPE = f'application/ld+json; profile="{ANNO_CONTEXT}"'
PAGE_SIZE = 100
MOTIVATIONS = {
    "person": "identifying",
    "organization": "identifying",
    "role": "describing",
    "event": "describing",
    "note": "commenting",
}


def published(queryset=None):
    """Return the public annotations, with what the export needs selected."""
    queryset = Annotation.objects.public() if queryset is None else queryset
    return queryset.select_related(
        "paragraph__article", "person", "organization", "event", "role__person", "role__organization"
    ).order_by("paragraph__position", "start", "pk")


def utc(moment):
    """Return an xsd:dateTime in UTC written with "Z", as the model requires of created/modified."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def vocabulary(absolute):
    """Return our context terms (the UTF-16 offsets), defined on the API description."""
    base = absolute("/api/openapi.json") + "#"
    return {"utf16Start": base + "utf16Start", "utf16End": base + "utf16End"}


class Exporter:
    """Map annotations of one article to W3C JSON-LD; ``absolute`` turns a path into an IRI."""

    def __init__(self, article, absolute):
        self.article = article
        self.absolute = absolute
        paragraphs = list(article.paragraphs.order_by("position"))
        self.text, self.offsets = article_text(paragraphs)

    def iri(self, annotation):
        return self.absolute(reverse("reading:annotation", args=[annotation.pk]))

    def body(self, annotation):
        kind = annotation.target_kind
        if kind == "note":
            return {
                "type": "TextualBody",
                "value": annotation.body,
                "format": "text/plain",
                "purpose": "commenting",
            }
        record = annotation.target
        if kind == "role":
            url, name = (
                f"{record.person.get_absolute_url()}#role-{record.pk}",
                f"{record.person.name}: {record.title}",
            )
        else:
            url, name = record.get_absolute_url(), getattr(record, "name", None) or record.title
        resource = {"type": "SpecificResource", "source": self.absolute(url), "purpose": MOTIVATIONS[kind]}
        tag = {"type": "TextualBody", "value": name, "format": "text/plain", "purpose": "tagging"}
        return [resource, tag]

    def selectors(self, annotation):
        paragraph = annotation.paragraph
        at = self.offsets[paragraph.position]
        prefix, suffix = unique_context(self.text, at + annotation.start, at + annotation.end)
        quote = {"type": "TextQuoteSelector", "exact": annotation.quote, "prefix": prefix, "suffix": suffix}
        position = {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end}
        utf16 = (
            utf16_length(paragraph.text[: annotation.start]),
            utf16_length(paragraph.text[: annotation.end]),
        )
        if utf16 != (annotation.start, annotation.end):
            position.update(utf16Start=utf16[0], utf16End=utf16[1])
        return [quote, position]

    def annotation(self, annotation, embedded=False):
        """Return one annotation; embedded in a page, it shares the page's @context."""
        paragraph = annotation.paragraph
        data = {
            "id": self.iri(annotation),
            "type": "Annotation",
            "motivation": MOTIVATIONS[annotation.target_kind],
            "created": utc(annotation.created_at),
            "modified": utc(annotation.updated_at),
            "creator": {"type": "Organization", "name": "Annals editors", "homepage": self.absolute("/")},
            "body": self.body(annotation),
            "target": {
                "source": self.absolute(f"{self.article.get_absolute_url()}#p-{paragraph.position}"),
                "selector": self.selectors(annotation),
            },
        }
        if embedded:
            return data
        return {"@context": self.context(), **data}

    def context(self):
        return [ANNO_CONTEXT, vocabulary(self.absolute)]


def annotation_jsonld(annotation, absolute):
    return Exporter(annotation.paragraph.article, absolute).annotation(annotation)


def collection_iri(article, absolute, page=None):
    url = absolute(reverse("reading:article-annotations", kwargs={"slug": article.slug}))
    return url if page is None else f"{url}?page={page}"


def annotation_page(article, absolute, number, embedded=False):
    """Return AnnotationPage number (from 1) of the article's public annotations, or None."""
    annotations = published().filter(paragraph__article=article)
    total = annotations.count()
    last = max(1, -(-total // PAGE_SIZE))
    if not 1 <= number <= last:
        return None
    exporter = Exporter(article, absolute)
    items = annotations[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    page = {
        "id": collection_iri(article, absolute, number),
        "type": "AnnotationPage",
        "partOf": {"id": collection_iri(article, absolute), "total": total},
        "startIndex": (number - 1) * PAGE_SIZE,
        "items": [exporter.annotation(a, embedded=True) for a in items],
    }
    if number < last:
        page["next"] = collection_iri(article, absolute, number + 1)
    if number > 1:
        page["prev"] = collection_iri(article, absolute, number - 1)
    return page if embedded else {"@context": exporter.context(), **page}


def annotation_collection(article, absolute):
    """Return the article's AnnotationCollection with its first page embedded."""
    first = annotation_page(article, absolute, 1, embedded=True)
    total = first["partOf"]["total"]
    last = max(1, -(-total // PAGE_SIZE))
    return {
        "@context": [ANNO_CONTEXT, vocabulary(absolute)],
        "id": collection_iri(article, absolute),
        "type": "AnnotationCollection",
        "label": article.title,
        "total": total,
        "first": first,
        "last": collection_iri(article, absolute, last),
    }


def public_annotation(pk):
    """Return the public annotation pk, or None (a draft, an orphan, an unpublished article)."""
    annotation = published().filter(pk=pk).first()
    if annotation is None or annotation.paragraph.text[annotation.start : annotation.end] != annotation.quote:
        return None
    return annotation if public.articles().filter(pk=annotation.paragraph.article_id).exists() else None
