"""Serve public pages from a cache keyed by the archive's content version.

An anonymous GET of a public page (URL namespaces ``archive`` and ``people``, HTML or JSON) costs
one indexed query for the content version, then the stored bytes, as long as nothing public
changed since the page was rendered. Any save or delete of a public record bumps the version
(archive/signals.py), and so does every bulk write, so a stale page is never served: a new
version means new keys, and old entries age out of the cache. Signed-in editors always get a
fresh render. The page's CSRF token (the language form) is replaced by the visitor's own.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token

PUBLIC_NAMESPACES = {"archive", "people"}
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')
MARKER = b'name="csrfmiddlewaretoken" value="\x00token\x00"'
HIT_HEADER = "X-Annals-Page-Cache"


def content_version():
    from archive.models import ContentVersion

    return ContentVersion.objects.current()


def page_key(request, version):
    """Return the cache key of a page: content version, language, scheme, host and full path."""
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()
    return f"annals:page:{version}:{getattr(request, 'LANGUAGE_CODE', '')}:{digest}"


def cacheable(request):
    match = request.resolver_match
    return (
        settings.ANNALS_PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and match is not None
        and match.namespace in PUBLIC_NAMESPACES
        and not (hasattr(request, "user") and request.user.is_authenticated)
    )


class PublicPageCacheMiddleware:
    """Answer public pages from the cache when the content version has not moved."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.cache = caches[settings.ANNALS_PAGE_CACHE]

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_annals_page_key", None)
        if (
            key
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not response.has_header(HIT_HEADER)
        ):
            stored = TOKEN.sub(MARKER, response.content)
            self.cache.set(key, (stored, response["Content-Type"]), settings.ANNALS_PAGE_CACHE_SECONDS)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not cacheable(request):
            return None
        request._annals_page_key = key = page_key(request, content_version())
        cached = self.cache.get(key)
        if cached is None:
            return None
        content, content_type = cached
        if MARKER in content:
            content = content.replace(
                MARKER, f'name="csrfmiddlewaretoken" value="{get_token(request)}"'.encode()
            )
        response = HttpResponse(content, content_type=content_type)
        response[HIT_HEADER] = "hit"
        return response
