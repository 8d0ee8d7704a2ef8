"""Serve anonymous visitors' public pages from Django's cache while what they show stands.

A page is rendered once and kept with the versions of the keys it showed (the records it
loaded, its own page and lists: see dependencies.py). The next anonymous GET of it (URL
namespace ``reading``, HTML or JSON) is answered with the stored bytes as long as every one of
those versions stands; a write stamps new versions on the keys it touches, so exactly the pages
that showed what changed are rendered afresh. Checking costs one indexed query at most (the
stamps newer than the last seen, at most once per ANNALS_CONTENT_VERSION_TTL) and, once after
each such read that found new stamps, a dictionary lookup per key the page showed. Public pages
carry no per-visitor state (no CSRF token, no session), so stored bytes and the headers their
render got are served as they are. Signed-in editors always get a fresh, private render. Readers
asking for a page another request is rendering wait for that render (flight.py).

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
import pickle
import secrets
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag

from core import pagedeps

from . import flight
from .flight import flights
from .models import ANY_WRITE, EVERYTHING, ContentVersion

PUBLIC_NAMESPACES = {"reading"}
HIT_HEADER = "X-Annals-Page-Cache"
# Stored with the page and answered as they are: a hit is always an anonymous visitor's, so the
# Vary and Cache-Control headers its render got are the ones it gets.
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "ETag",
    "Vary",
    "Cache-Control",
    "Access-Control-Allow-Origin",
    "Link",
)
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
    # Sessions are the only way to sign in: without the session cookie there is no user to load.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    return not (hasattr(request, "user") and request.user.is_authenticated)


# Entries found standing, per process: {token of the entry: generation of the versions it was
# checked against}. Until this process reads new stamps a hit costs no comparison of versions.
_standing = {}
STANDING_LIMIT = 10_000


class PublicPageCacheMiddleware:
    """Answer public pages from the cache while what they show stands."""

    def __init__(self, get_response):
        self.get_response = get_response

    @property
    def cache(self):
        # Looked up per request: Django's cache handler is per thread, and settings may change.
        return caches[settings.ANNALS_PAGE_CACHE]

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self._respond(request, self.get_response(request), None)
        try:
            with pagedeps.collecting() as shown:
                response = self.get_response(request)
            return self._respond(request, response, shown)
        finally:
            if getattr(request, "_annals_page_claimed", False):
                kept = getattr(request, "_annals_page_storable", False)
                flights.release(self.cache, request._annals_page_key, storable=kept)

    def _respond(self, request, response, shown):
        if not is_public(request) or response.has_header(HIT_HEADER):
            return response
        self._set_headers(request, response)
        key = getattr(request, "_annals_page_key", None)
        if key and shown is not None and is_canonical(request) and self._storable(response):
            request._annals_page_storable = True
            self._store(key, response, shown, request._annals_page_since)
        return response

    def _store(self, key, response, shown, since):
        versions = snapshot(shown, ContentVersion.objects.versions(), since)
        if versions is None:
            return
        headers = tuple((name, response[name]) for name in KEPT_HEADERS if response.has_header(name))
        # The versions travel pickled apart: a hit unpickles them only when this process has
        # read new stamps since it last found the entry standing.
        entry = (response.content, headers, secrets.token_hex(8), pickle.dumps(versions))
        try:
            self.cache.set(key, entry, settings.ANNALS_PAGE_CACHE_SECONDS)
        except Exception:  # a cache server that is down: the page was served, just not kept
            pass

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self._cacheable(request):
            return None
        request._annals_page_key = key = page_key(request)
        entry = self._lookup(request, key)
        if entry is None:
            return None
        content, headers, _, _ = entry
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response[HIT_HEADER] = "hit"
        return response

    def _lookup(self, request, key):
        """Return the standing entry of key; while another request renders it, wait for that
        render (ANNALS_PAGE_RENDER_WAIT at most). None: this request renders the page."""
        deadline = None
        while True:
            entry = self._standing_entry(request, key)
            if entry is not None or not is_canonical(request) or settings.ANNALS_PAGE_RENDER_WAIT <= 0:
                return entry
            now = time.monotonic()
            deadline = deadline or now + settings.ANNALS_PAGE_RENDER_WAIT
            if now >= deadline:
                return None
            claim = flights.claim(self.cache, key, 2 * settings.ANNALS_PAGE_RENDER_WAIT)
            if claim != flight.WAIT:
                request._annals_page_claimed = claim == flight.LEAD
                return None
            flights.wait(key, deadline)

    def _standing_entry(self, request, key):
        """Return the entry kept for key if every version it showed stands, else None."""
        request._annals_page_since, versions, generation = ContentVersion.objects.state()
        try:
            entry = self.cache.get(key)
        except Exception:  # a cache server that is down: serve the page uncached
            return None
        if not isinstance(entry, tuple) or len(entry) != 4:
            return None
        token = entry[2]
        if _standing.get(token) != generation:
            if not stands(pickle.loads(entry[3]), versions):
                return None
            if len(_standing) >= STANDING_LIMIT:
                _standing.clear()
            _standing[token] = generation
        return entry

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
