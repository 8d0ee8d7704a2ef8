"""Search across the public archive: people and organisations by name, alias or pinyin, and
paragraph text of published articles.

Matching is substring matching (LIKE), which is right for Chinese: a two-character name is a
two-character substring, where word or trigram tokenisers would miss it. On PostgreSQL a
pg_trgm GIN index (migration 0003) serves the LIKE for queries of three characters or more.
"""

from django.db.models import Q

from archive import public
from archive.models import Paragraph, originals_first

LIMIT = 50
SNIPPET_CONTEXT = 40
SEARCHED_KINDS = [Paragraph.Kind.BODY, Paragraph.Kind.HEADING, Paragraph.Kind.CAPTION]


def search_archive(query, limit=LIMIT):
    """Return {"people", "organizations", "paragraphs"} matching query (lists, at most limit each)."""
    query = (query or "").strip()[:100]
    if not query:
        return {"people": [], "organizations": [], "paragraphs": []}
    people = list(public.people().search(query).prefetch_related("aliases")[:limit])
    organizations = list(public.organizations().search(query).prefetch_related("aliases")[:limit])
    names = [person.name for person in people[:10]]
    paragraphs = list(paragraph_search(query, names)[:limit])
    for paragraph in paragraphs:
        paragraph.snippet = snippet(paragraph.text, [*query.split(), *names])
    return {"people": people, "organizations": organizations, "paragraphs": paragraphs}


def paragraph_search(query, names=()):
    """Return paragraphs of published articles containing every word of query, or one of names.

    ``names`` are the people the query found, so "ma yun" also finds the paragraphs naming 马云.
    """
    words = Q()
    for word in query.split():
        words &= Q(text__icontains=word)
    for name in names:
        words |= Q(text__icontains=name)
    return (
        Paragraph.objects.filter(words, article__is_published=True, kind__in=SEARCHED_KINDS)
        .select_related("article")
        .order_by(*originals_first())
    )


def snippet(text, terms):
    """Return (before, match, after) around the first term found in text, trimmed to context."""
    lowered = text.lower()
    found = [(lowered.find(term.lower()), term) for term in terms if term and term.lower() in lowered]
    if not found:
        return text[: SNIPPET_CONTEXT * 2], "", ""
    start, term = min(found)
    end = start + len(term)
    before = text[max(0, start - SNIPPET_CONTEXT) : start]
    prefix = "…" if start > SNIPPET_CONTEXT else ""
    suffix = "…" if end + SNIPPET_CONTEXT < len(text) else ""
    return prefix + before, text[start:end], text[end : end + SNIPPET_CONTEXT] + suffix
