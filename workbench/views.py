"""The annotate page: an article's paragraphs with their annotations, suggestions and dates.

A long article comes in parts (``parts.py``): the page draws the first, its script asks
``api_parts.part`` for the next ones.

The page is wrapped in the admin site's ``admin_view`` (anonymous visitors go to the login);
its JSON endpoints live in ``api.py``.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from archive.models import Annotation, Article
from core.i18n import text_language

from . import parts, selectors


def annotate_page(request, article_id):
    """Render the workbench for one article: its first part, the rest loaded as the editor goes on."""
    if not request.user.has_perm("archive.view_annotation"):
        raise PermissionDenied
    article = get_object_or_404(Article, pk=article_id)
    part = parts.part_context(parts.part_after(article, 0), text_language())
    context = {
        **admin.site.each_context(request),
        **part,
        "opts": Article._meta,
        "original": article,
        "article": article,
        "title": article.title,
        "paragraph_count": article.paragraphs.count(),
        "orphans": selectors.article_orphans(article),
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
        "part",
    ]
    urls = {name: reverse(f"workbench:{name}", args=[article.pk]) for name in names}
    urls["annotation"] = reverse("workbench:annotation", args=[article.pk, 0])
    urls["delete"] = reverse("workbench:delete", args=[article.pk, 0])
    urls["span"] = reverse("workbench:span", args=[article.pk, 0])
    return urls
