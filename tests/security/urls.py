"""Discover the public and admin URLs from the resolver, so the security tests grow with the site."""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from archive import public

PUBLIC_NAMESPACES = {"reading"}
# The public querysets whose slugs fill a pattern, by the first word of the pattern's name.
PUBLIC_OBJECTS = {
    "article": public.articles,
    "event": public.events,
    "person": public.people,
    "organization": public.organizations,
}
# Patterns that are no page of their own (the JSON 404 for any other .json address).
NOT_PAGES = {"reading:json-not-found"}
LIST_QUERIES = {"search": "?q=杨", "person-list": "?q=杨", "event-list": ""}


def named_patterns(patterns=None, namespace=""):
    """Yield (namespaced name, URLPattern) for every named pattern below patterns."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def public_patterns():
    """Return the named public patterns (archive:…, people:…)."""
    return [(name, p) for name, p in named_patterns() if name.split(":")[0] in PUBLIC_NAMESPACES]


def public_urls():
    """Return every public URL: each list page, and each detail page for every public object.

    A pattern with an argument other than a slug of a known model raises, so a new kind of
    page is added here on purpose rather than skipped.
    """
    urls = []
    for name, pattern in public_patterns():
        params = list(pattern.pattern.converters)
        if name in NOT_PAGES:
            continue
        if not params:
            urls.append(reverse(name) + LIST_QUERIES.get(name.split(":")[1].removesuffix("-json"), ""))
            continue
        model = PUBLIC_OBJECTS.get(name.split(":")[1].split("-")[0])
        if params == ["pk"] and name == "reading:annotation":
            urls += [
                reverse(name, kwargs={"pk": pk}) for pk in public.evidence().values_list("pk", flat=True)
            ]
            continue
        if params == ["slug", "role"] and name.startswith("reading:role-evidence"):
            roles = public.roles().values_list("person__slug", "pk")
            urls += [reverse(name, kwargs={"slug": slug, "role": pk}) for slug, pk in roles]
            continue
        if params != ["slug"] or model is None:
            raise LookupError(f"tests/security/urls.py does not know how to fill {name} ({pattern.pattern})")
        urls += [reverse(name, kwargs={"slug": slug}) for slug in model().values_list("slug", flat=True)]
    return urls


def registered_models():
    """Return the models registered in the admin site, in a stable order."""
    return sorted(admin.site._registry, key=lambda model: model._meta.label)
