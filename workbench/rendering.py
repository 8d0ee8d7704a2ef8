"""How the workbench draws a paragraph and describes an annotation, for the page and its JSON.

Rendering is per paragraph and per annotation, so a part of the article costs what it holds: the
status labels and the admin address are worked out once per call, not once per annotation.
"""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from archive.models import Annotation, Paragraph
from textkit.segments import pieces

from . import selectors


def status_labels():
    """Return {status: its label in the active language}."""
    return {value: str(label) for value, label in Annotation.Status.choices}


def annotations_json(annotations):
    """Return what the workbench shows and edits of each annotation."""
    labels = status_labels()
    # One reverse for the lot: the change page's address differs only by the id.
    admin_url = reverse("admin:archive_annotation_change", args=[0]).replace("/0/", "/{}/")
    return [_json(annotation, labels, admin_url) for annotation in annotations]


def annotation_json(annotation):
    """Return what the workbench shows and edits of one annotation."""
    return annotations_json([annotation])[0]


def _json(annotation, labels, admin_url):
    kind = annotation.target_kind
    return {
        "id": annotation.pk,
        "paragraph": annotation.paragraph_id,
        "start": annotation.start,
        "end": annotation.end,
        "quote": annotation.quote,
        "kind": kind,
        "target": annotation.body if kind == "note" else getattr(annotation, f"{kind}_id"),
        "label": annotation.target_label,
        "status": annotation.status,
        "status_label": labels.get(annotation.status, annotation.status),
        "version": annotation.version,
        "orphaned": annotation.orphaned,
        "comment": annotation.comment,
        "editor": str(annotation.editor or ""),
        "admin_url": admin_url.format(annotation.pk),
    }


def rendered_paragraphs(paragraph_ids):
    """Return each paragraph's marked-up HTML and annotations, so the page re-marks it in place."""
    paragraphs = list(Paragraph.objects.filter(pk__in=set(paragraph_ids)))
    by_paragraph = selectors.annotations_by_paragraph(paragraphs)
    labels = status_labels()
    return [
        {
            "id": paragraph.pk,
            "html": str(render_text(paragraph.text, by_paragraph[paragraph.pk], labels)),
            "annotations": annotations_json(by_paragraph[paragraph.pk]),
        }
        for paragraph in paragraphs
    ]


def render_text(text, annotations, labels=None):
    """Return the paragraph's text as HTML, annotated pieces wrapped in <mark>; text nodes stay verbatim.

    Marks are not focusable: a focusable <mark> swallows a drag that starts on it (the new
    selection is lost). Keyboard users press Enter on the focused paragraph instead.
    """
    labels = labels or status_labels()
    html = []
    placed = [a for a in annotations if not a.orphaned]
    for lower, upper, covering in pieces(text, placed):
        piece = text[lower:upper]
        if not covering:
            html.append(format_html("{}", piece))
            continue
        inner = covering[0]
        html.append(
            format_html(
                '<mark class="wb-ann wb-{} wb-status-{}" data-ids="{}" title="{}">{}</mark>',
                inner.target_kind,
                inner.status,
                " ".join(str(a.pk) for a in covering),
                " · ".join(f"{a.target_label} ({labels.get(a.status, a.status)})" for a in covering),
                piece,
            )
        )
    return mark_safe("".join(html))
