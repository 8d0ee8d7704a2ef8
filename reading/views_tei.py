"""The TEI P5 view of a published article (reading/tei.py builds the document).

It sits in the ``reading`` URL namespace, so the page cache keeps it like any public page
(content version, ETag, Cache-Control) and CORS lets other sites' scripts read it.
"""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from . import tei


@require_safe
def article_tei(request, slug):
    """Answer the article as TEI (``application/tei+xml``); 404 unless it is published."""
    article = tei.public_article(slug)
    if article is None:
        raise Http404("no published article")
    return HttpResponse(tei.article_tei(article, request.build_absolute_uri), content_type=tei.MEDIA_TYPE)
