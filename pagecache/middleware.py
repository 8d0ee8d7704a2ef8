"""Serve anonymous visitors' public pages from Django's cache while what they show stands.

A page is rendered once and kept with the versions of the keys it showed (the records it
loaded, its own page and lists: see dependencies.py). The next anonymous GET of it (URL
namespace ``reading``, HTML or JSON) is answered with the stored bytes as long as every one of
those versions stands; a write stamps new versions on the keys it touches, so exactly the pages
that showed what changed are rendered afresh. Checking costs one indexed query at most (the
stamps newer than the last seen, at most once per ANNALS_CONTENT_VERSION_TTL) and a dictionary
lookup per key. Public pages carry no per-visitor state (no CSRF token, no session), so stored
bytes are served as they are. Signed-in editors always get a fresh, private render.

Keys are bounded: a page is keyed by its path and only the query parameters public pages read
(KEYED_PARAMS: sorted, the last value of each), so ``?utm_source=…`` or a reordered query finds
the same entry. Such a request is answered from the cache but its own render is never stored, so
a parameter a page echoes (in its next/previous links) never reaches another visitor. A page
asked with ``?hl=`` (the annotation a reader followed a citation to) is never cached at all:
every citation has its own id, and those pages would only crowd out the others.

Every public response carries ``Cache-Control`` that lets a CDN or reverse proxy keep it a short
while (``ANNALS_PUBLIC_MAX_AGE``, with ``stale-while-revalidate``), and an ``ETag`` (Django's
ConditionalGetMiddleware answers ``If-None-Match`` with 304). The cache server being down costs
the cache, never the page: the versions are read from the database, not the cache.
"""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag

from core import pagedeps

from .models import ANY_WRITE, EVERYTHING, ContentVersion

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


def page_key(request):
    """Return the cache key of a page: language, scheme, host, path and query."""
    url = f"{request.scheme}://{request.get_host()}{request.path}?{canonical_query(request)}"
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]
    return f"page:{getattr(request, 'LANGUAGE_CODE', '')}:{digest}"


def stands(shown, versions):
    """Return whether every key a page showed is still at the version it was rendered at."""
    return all(versions.get(key, 0) == version for key, version in shown.items())


def snapshot(keys, versions, since):
    """Return {key: version} of what a page showed, or None when one moved while it rendered.

    A page whose view said nothing of what it shows (no page or list key) depends on every write.
    """
    declared = any(key.startswith("list:") or ".page:" in key for key in keys)
    shown = {key: versions.get(key, 0) for key in {*keys, EVERYTHING, *(() if declared else (ANY_WRITE,))}}
    return None if any(version > since for version in shown.values()) else shown


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
        if request.method not in ("GET", "HEAD"):
            return self._respond(request, self.get_response(request), None)
        with pagedeps.collecting() as shown:
            response = self.get_response(request)
        return self._respond(request, response, shown)

    def _respond(self, request, response, shown):
        if not is_public(request) or response.has_header(HIT_HEADER):
            return response
        self._set_headers(request, response)
        key = getattr(request, "_annals_page_key", None)
        if key and shown is not None and is_canonical(request) and self._storable(response):
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            versions = snapshot(shown, ContentVersion.objects.versions(), request._annals_page_since)
            try:
                if versions is not None:
                    self.cache.set(
                        key, (response.content, headers, versions), settings.ANNALS_PAGE_CACHE_SECONDS
                    )
            except Exception:  # a cache server that is down: the page was served, just not kept
                pass
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self._cacheable(request):
            return None
        request._annals_page_key = key = page_key(request)
        request._annals_page_since, versions = ContentVersion.objects.state()
        try:
            cached = self.cache.get(key)
        except Exception:  # a cache server that is down: serve the page uncached
            cached = None
        if cached is None or len(cached) != 3 or not stands(cached[2], versions):
            return None
        content, headers, _ = cached
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
