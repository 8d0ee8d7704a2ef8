"""Search across the public archive: people and organisations by name, alias or pinyin, and
paragraph text of published articles.

Matching is substring matching, which is right for Chinese: no word segmentation, and a
two-character name is a two-character substring. Terms of three characters or more go through a
trigram index: SQLite's FTS5 trigram table (migration 0009, rowid = paragraph id) or, on
PostgreSQL, the pg_trgm GIN index on UPPER(text) (migration 0005) that serves ``icontains``.
Shorter terms yield no trigram, so they fall back to LIKE, a scan. The same paragraphs match
either way; only the cost differs.

Names come first (people and organisations are their own lists); paragraphs are ranked by
bm25 on SQLite and on PostgreSQL by the share of the paragraph the terms cover (``density``:
both favour short paragraphs full of the query), then originals first. Only the first
CANDIDATES paragraphs found are ranked: a name cited in thirteen thousand paragraphs, or a
two-character word that only LIKE can find, costs what two thousand do (the page says how many
it ranked).
"""

import functools
import sqlite3

from django.db import connection
from django.db.models import ExpressionWrapper, F, FloatField, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Length, Replace, Upper

from archive import public
from archive.models import Paragraph, originals_first

from .apps import PAGES, page_urls

LIMIT = 50
CANDIDATES = 2000  # paragraphs ranked at most; the best LIMIT of them are shown
SNIPPET_CONTEXT = 40
SEARCHED_KINDS = [Paragraph.Kind.BODY, Paragraph.Kind.HEADING, Paragraph.Kind.CAPTION]
TRIGRAM = 3  # the shortest term a trigram index can find
FTS_TABLE = "archive_paragraph_fts"


def search_archive(query, limit=LIMIT):
    """Return {"people", "organizations", "paragraphs"} matching query (lists, at most limit each)."""
    query = (query or "").strip()[:100]
    if not query:
        return {"people": [], "organizations": [], "paragraphs": []}
    people = list(public.people().search(query).prefetch_related("aliases")[:limit])
    organizations = list(public.organizations().search(query).prefetch_related("aliases")[:limit])
    names = [person.name for person in people[:10]]
    paragraphs = list(paragraph_search(query, names, within=CANDIDATES).only(*SHOWN)[:limit])
    for paragraph in paragraphs:
        paragraph.snippet = snippet(paragraph.text, [*query.split(), *names])
    _with_urls(people, organizations, [paragraph.article for paragraph in paragraphs])
    return {
        "people": people,
        "organizations": organizations,
        "paragraphs": paragraphs,
        "shown_at_most": limit,
        "ranked_at_most": CANDIDATES,
    }


SHOWN = ("position", "text", "article__title", "article__slug")


def _with_urls(*lists):
    """Give every record of lists its page URL (``get_absolute_url``), each kind's worked out once."""
    for records in lists:
        if records:
            url = page_urls(PAGES[records[0]._meta.label])
            for record in records:
                record.get_absolute_url = functools.partial(str, url(record.slug))


def paragraph_search(query, names=(), within=None):
    """Return paragraphs of published articles containing every word of query, or one of names.

    ``names`` are the people the query found, so "ma yun" also finds the paragraphs naming 马云.
    ``within`` ranks only the first that many paragraphs found (in the index's order), so a
    name cited in thirteen thousand paragraphs costs what one in two thousand does.
    """
    words = Q()
    for word in query.split():
        words &= contains(word)
    for name in dict.fromkeys(names):
        if name != query:  # the query itself, already matched above
            words |= contains(name)
    paragraphs = Paragraph.objects.filter(words, article__is_published=True, kind__in=SEARCHED_KINDS)
    if within:
        paragraphs = Paragraph.objects.filter(pk__in=paragraphs.order_by().values("pk")[:within])
    return ranked(paragraphs.select_related("article"), query.split(), names)


def fts_enabled():
    """Return whether paragraph text has an FTS5 trigram index (SQLite 3.34+, migration 0009)."""
    return connection.vendor == "sqlite" and sqlite3.sqlite_version_info >= (3, 34)


def fts_phrase(term):
    """Return term as one FTS5 phrase: quoted, so operators and punctuation are plain text."""
    return '"' + term.replace('"', '""') + '"'


def contains(term):
    """Return a condition true for paragraphs whose text contains term (ASCII case ignored)."""
    if fts_enabled() and len(term) >= TRIGRAM:
        matched = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
        return Q(pk__in=RawSQL(matched, [fts_phrase(term)]))
    return Q(text__icontains=term)


def ranked(paragraphs, words, names):
    """Order paragraphs best match first, then originals first."""
    ordering = originals_first()
    if fts_enabled():
        expression = fts_query(words, names)
        if expression:
            # bm25 is lower for better matches; rows found only by LIKE (short terms) have none.
            # "LIMIT -1 OFFSET 0" keeps SQLite from flattening the matches into the correlated
            # subquery: it scores them once and looks each paragraph up (3.5 ms for 963 matches
            # where scoring again for each paragraph took 85).
            rank = RawSQL(
                f"SELECT matched.score FROM (SELECT rowid AS id, bm25({FTS_TABLE}) AS score "
                f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT -1 OFFSET 0) AS matched "
                'WHERE matched.id = "archive_paragraph"."id"',
                [expression],
            )
            return paragraphs.annotate(rank=rank).order_by(F("rank").asc(nulls_last=True), *ordering)
    elif connection.vendor == "postgresql":
        terms = list(dict.fromkeys([*words, *names]))
        if terms:
            return paragraphs.annotate(rank=density(terms)).order_by(F("rank").desc(), *ordering)
    return paragraphs.order_by(*ordering)


def density(terms):
    """Return how densely a paragraph holds terms: the characters their occurrences cover (ASCII
    case ignored) per character of the paragraph, a term frequency normalised by length as in
    bm25, from string functions.

    pg_trgm's similarity() ranked as well but read each paragraph's trigrams: 250 ms for the
    11,688 paragraphs naming the busiest person of the full synthetic archive.
    """
    covered = None
    for term in terms:
        # Only letters have a case: a Chinese term is looked for in the text as it is.
        text = Upper("text") if term.upper() != term.lower() else F("text")
        found = Length(text) - Length(Replace(text, Value(term.upper()), Value("")))
        covered = found if covered is None else covered + found
    return ExpressionWrapper(
        Cast(covered, FloatField()) / (Length("text") + Value(20)), output_field=FloatField()
    )


def fts_query(words, names):
    """Return the FTS5 query for the terms long enough to rank by, or "" when there are none."""
    long_words = [fts_phrase(w) for w in words if len(w) >= TRIGRAM]
    parts = [f"({' AND '.join(long_words)})"] if long_words and len(long_words) == len(words) else []
    parts += [fts_phrase(name) for name in dict.fromkeys(names) if len(name) >= TRIGRAM and [name] != words]
    return " OR ".join(parts)


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
