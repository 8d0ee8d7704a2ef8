"""The annotate page: an article's paragraphs with their annotations, suggestions and dates.

The page is wrapped in the admin site's ``admin_view`` (anonymous visitors go to the login);
its JSON endpoints live in ``api.py``.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from archive.models import Annotation, Article
from core.i18n import text_language
from textkit.segments import pieces

from . import selectors


def annotation_json(annotation):
    """Return what the workbench shows and edits of an annotation."""
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
        "status_label": str(annotation.get_status_display()),
        "version": annotation.version,
        "orphaned": annotation.orphaned,
        "comment": annotation.comment,
        "editor": str(annotation.editor or ""),
        "admin_url": reverse("admin:archive_annotation_change", args=[annotation.pk]),
    }


def rendered_paragraphs(paragraph_ids):
    """Return each paragraph's marked-up HTML and annotations, so the page re-marks it in place."""
    from archive.models import Paragraph

    out = []
    for paragraph in Paragraph.objects.filter(pk__in=set(paragraph_ids)):
        annotations = list(selectors.paragraph_annotations(paragraph))
        out.append(
            {
                "id": paragraph.pk,
                "html": str(render_text(paragraph.text, annotations)),
                "annotations": [annotation_json(a) for a in annotations],
            }
        )
    return out


def render_text(text, annotations):
    """Return the paragraph's text as HTML, annotated pieces wrapped in <mark>; text nodes stay verbatim.

    Marks are not focusable: a focusable <mark> swallows a drag that starts on it (the new
    selection is lost). Keyboard users press Enter on the focused paragraph instead.
    """
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
                " · ".join(f"{a.target_label} ({a.get_status_display()})" for a in covering),
                piece,
            )
        )
    return mark_safe("".join(html))


def annotate_page(request, article_id):
    """Render the workbench for one article."""
    if not request.user.has_perm("archive.view_annotation"):
        raise PermissionDenied
    article = get_object_or_404(Article, pk=article_id)
    paragraphs = list(article.paragraphs.all())
    annotations = selectors.article_annotations(article)
    by_paragraph = {}
    for annotation in annotations:
        by_paragraph.setdefault(annotation.paragraph_id, []).append(annotation)
    lang = text_language()
    context = {
        **admin.site.each_context(request),
        "opts": Article._meta,
        "original": article,
        "article": article,
        "title": article.title,
        "rows": [
            {"paragraph": p, "html": render_text(p.text, by_paragraph.get(p.pk, []))} for p in paragraphs
        ],
        "annotations": [annotation_json(a) for a in annotations],
        "suggestions": [a for a in annotations if a.status == Annotation.Status.SUGGESTED],
        "orphans": [a for a in annotations if a.orphaned],
        "candidates": selectors.candidate_rows(paragraphs),
        "dates": selectors.date_rows(article, paragraphs, lang),
        "statuses": _statuses(request.user),
        "perms": _perms(request.user),
        "endpoints": _endpoints(article),
    }
    return TemplateResponse(request, "workbench/annotate.html", context)


def _statuses(user):
    allowed = [Annotation.Status.SUGGESTED, Annotation.Status.DRAFT]
    if user.has_perm("archive.publish_annotation"):
        allowed += [Annotation.Status.REVIEWED, Annotation.Status.PUBLISHED]
    return [{"value": s.value, "label": str(s.label)} for s in allowed]


def _perms(user):
    names = {
        "add": "archive.add_annotation",
        "change": "archive.change_annotation",
        "delete": "archive.delete_annotation",
        "publish": "archive.publish_annotation",
        "add_person": "people.add_person",
        "add_role": "people.add_role",
        "add_event": "archive.add_event",
    }
    return {key: user.has_perm(perm) for key, perm in names.items()}


def _endpoints(article):
    names = [
        "annotations",
        "people",
        "roles",
        "events",
        "organizations",
        "dates",
        "generate",
        "accept",
        "reject",
        "proposals",
        "proposal-accept",
        "proposal-reject",
        "quick-role",
        "role-prefill",
    ]
    urls = {name: reverse(f"workbench:{name}", args=[article.pk]) for name in names}
    urls["annotation"] = reverse("workbench:annotation", args=[article.pk, 0])
    urls["delete"] = reverse("workbench:delete", args=[article.pk, 0])
    urls["span"] = reverse("workbench:span", args=[article.pk, 0])
    return urls
