"""Sources and the evidence they carry: articles, paragraphs, events and annotations."""

from .annotations import EVIDENCE_KINDS, TARGETS, Annotation, AnnotationQuerySet, originals_first
from .articles import Alignment, Article, Paragraph, ShingleKey, fingerprint
from .events import Event

__all__ = [
    "EVIDENCE_KINDS",
    "TARGETS",
    "Alignment",
    "Annotation",
    "AnnotationQuerySet",
    "Article",
    "Event",
    "Paragraph",
    "ShingleKey",
    "fingerprint",
    "originals_first",
]
