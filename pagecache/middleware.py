"""Serve anonymous visitors' public pages from Django's cache, keyed by the content version.

An anonymous GET of a public page (URL namespace ``reading``, HTML or JSON) costs one indexed
query for the content version at most (see ANNALS_CONTENT_VERSION_TTL), then the stored bytes,
as long as nothing public changed since the page was rendered: a new version means new keys,
and old entries age out. Public pages carry no per-visitor state (no CSRF token, no session),
so stored bytes are served as they are. Signed-in editors always get a fresh, private render.

Keys are bounded: a page is keyed by its path and only the query parameters public pages read
(KEYED_PARAMS: sorted, the last value of each), so ``?utm_source=…`` or a reordered query finds
the same entry. Such a request is answered from the cache but its own render is never stored, so
a parameter a page echoes (in its next/previous links) never reaches another visitor. A page
asked with ``?hl=`` (the annotation a reader followed a citation to) is never cached at all:
every citation has its own id, and those pages would only crowd out the others.

Every public response carries ``Cache-Control`` that lets a CDN or reverse proxy keep it a short
while (``ANNALS_PUBLIC_MAX_AGE``, with ``stale-while-revalidate``), and an ``ETag`` (Django's
ConditionalGetMiddleware answers ``If-None-Match`` with 304). The cache server being down costs
the cache, never the page: the content version is read from the database, not the cache.
"""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag

from .models import ContentVersion

PUBLIC_NAMESPACES = {"reading"}
HIT_HEADER = "X-Annals-Page-Cache"
KEPT_HEADERS = ("Content-Type", "Content-Language", "ETag", "Access-Control-Allow-Origin", "Link")
# The query parameters public pages read (reading/views.py and reading/filters.py); a test
# checks that every parameter they read is listed here.
KEYED_PARAMS = frozenset({"page", "q", "year", "person", "organization", "category", "all", "title"})
UNCACHED_PARAMS = frozenset({"hl"})


def canonical_query(request):
    """Return the query string the key sees: known parameters only, sorted, last value of each."""
    return urlencode(sorted((name, request.GET[name]) for name in request.GET if name in KEYED_PARAMS))


def page_key(request, version):
    """Return the cache key of a page: content version, language, scheme, host, path and query."""
    url = f"{request.scheme}://{request.get_host()}{request.path}?{canonical_query(request)}"
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]
    return f"page:{version}:{getattr(request, 'LANGUAGE_CODE', '')}:{digest}"


def is_canonical(request):
    """Return whether the request holds only parameters its key keeps, so its page may be stored."""
    return set(request.GET) <= KEYED_PARAMS


def is_public(request):
    match = request.resolver_match
    return match is not None and match.namespace in PUBLIC_NAMESPACES


def is_anonymous(request):
    return not (hasattr(request, "user") and request.user.is_authenticated)


class PublicPageCacheMiddleware:
    """Answer public pages from the cache when the content version has not moved."""

    def __init__(self, get_response):
        self.get_response = get_response

    @property
    def cache(self):
        # Looked up per request: Django's cache handler is per thread, and settings may change.
        return caches[settings.ANNALS_PAGE_CACHE]

    def __call__(self, request):
        response = self.get_response(request)
        if not is_public(request) or response.has_header(HIT_HEADER):
            return response
        self._set_headers(request, response)
        key = getattr(request, "_annals_page_key", None)
        if key and is_canonical(request) and self._storable(response):
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            try:
                self.cache.set(key, (response.content, headers), settings.ANNALS_PAGE_CACHE_SECONDS)
            except Exception:  # a cache server that is down: the page was served, just not kept
                pass
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self._cacheable(request):
            return None
        request._annals_page_key = key = page_key(request, ContentVersion.objects.current())
        try:
            cached = self.cache.get(key)
        except Exception:  # a cache server that is down: serve the page uncached
            cached = None
        if cached is None:
            return None
        content, headers = cached
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
        response[HIT_HEADER] = "hit"
        self._set_headers(request, response)
        return response

    def _cacheable(self, request):
        return (
            settings.ANNALS_PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and is_public(request)
            and is_anonymous(request)
            and not UNCACHED_PARAMS & set(request.GET)
        )

    def _storable(self, response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and len(response.content) <= settings.ANNALS_PAGE_CACHE_MAX_BYTES
            # A page negotiated on Accept (an annotation IRI: JSON-LD or a redirect) is not keyed
            # by it, so it is never kept.
            and "accept" not in {v.strip().lower() for v in response.get("Vary", "").split(",")}
        )

    def _set_headers(self, request, response):
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        if not is_anonymous(request):
            patch_cache_control(response, private=True, no_cache=True)
            return
        if response.status_code == 200:
            max_age = settings.ANNALS_PUBLIC_MAX_AGE
            patch_cache_control(response, public=True, max_age=max_age, stale_while_revalidate=max_age * 5)
        if not response.streaming and not response.has_header("ETag"):
            set_response_etag(response)
