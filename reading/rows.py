"""What public pages show, as light records built from query rows rather than model instances.

A career page shows a person, a dozen roles, their organisations and events, and a few hundred
cited sentences. Model instances cost about 10 µs each to build (fields, signals); these records
cost one, and carry the same attribute names the templates, JSON payloads and JSON-LD read
(``role.organization.name``, ``citation.paragraph.article.title``, ``get_absolute_url()``).

Every record a page shows is noted for the page cache (``core.pagedeps.shows_records``), as model
instances are when they load: a change of that record redraws the page.
"""

import datetime
import functools
import unicodedata
from types import SimpleNamespace

from django.utils.text import Truncator, add_truncation_text

from archive.models import Event
from core import i18n, pagedeps

from .apps import page_urls


class Record(SimpleNamespace):
    """A record shown by a page: its fields as attributes, ``pk`` the same as ``id``.

    A record with a page of its own (``page``, a URL name) has ``url``: set for a whole batch by
    ``records()``, worked out on first use otherwise; ``get_absolute_url()`` returns it.
    """

    page = None

    @property
    def pk(self):
        return self.id

    @functools.cached_property
    def url(self):
        return page_urls(self.page)(self.slug)

    def get_absolute_url(self):
        return self.url


class PersonRecord(Record):
    kind, page = "person", "reading:person-detail"


class OrganizationRecord(Record):
    kind, page = "organization", "reading:organization-detail"


class ArticleRecord(Record):
    kind, page = "article", "reading:article-detail"


class EventRecord(Record):
    kind, page = "event", "reading:event-detail"

    def get_category_display(self):
        return _category_label(self.category, i18n.language())


@functools.lru_cache(maxsize=256)
def _category_label(category, language):
    """The category's name in the language (translated once: every event on a page shows one)."""
    return str(Event.Category(category).label)


class RoleRecord(Record):
    kind = "role"


class CitationRecord(Record):
    """A cited sentence (an annotation) with its paragraph and article, and what a page shows of it."""

    @functools.cached_property
    def url(self):
        """The link to the sentence: its paragraph, scrolled to, the span highlighted."""
        paragraph = self.paragraph
        return f"{paragraph.article.url}?hl={self.id}#p-{paragraph.position}"

    @property
    def source_label(self):
        """Where it stands (《title》, ¶n, a reprint's mark), as HTML."""
        from .templatetags.annals import source_label

        return source_label(self)

    @property
    def context(self):
        """(before, quote, after): the paragraph around it, trimmed."""
        from .templatetags.annals import quote_context

        return quote_context(self)

    @property
    def preview(self):
        """The first 30 characters of its paragraph, as a hover title."""
        return truncate(self.paragraph.text or "", 30)


class Group:
    """A cited sentence as a page shows it: the ``citation``, its reprints' ``copies`` folded under
    it, and how strongly it ``states`` the claim (0: it names it only). Attributes, not dict keys:
    a template reads each several times and Jinja tries an attribute first (a dict's miss raises
    and catches an AttributeError every time); ``group["citation"]`` still reads."""

    __slots__ = ("citation", "copies", "states")

    def __init__(self, citation, copies, states):
        self.citation, self.copies, self.states = citation, copies, states

    def __getitem__(self, key):
        if key not in self.__slots__:
            raise KeyError(key)
        return getattr(self, key)


def truncate(text, length):
    """Return text cut to length characters with the interface's ellipsis, as Django's
    ``truncatechars`` does; quick for text without combining marks (Chinese), Django's otherwise."""
    if len(text) <= length:
        return text
    if any(map(unicodedata.combining, text)):
        return Truncator(text).chars(length)
    suffix = _ellipsis(i18n.language())
    return text[: max(0, length - len(suffix))] + suffix


@functools.lru_cache(maxsize=16)
def _ellipsis(language):
    return add_truncation_text("")


class AliasList(list):
    """Aliases as a list that also answers ``.all()``, as a related manager does."""

    def all(self):
        return self


def split(row, prefix):
    """Return the fields of row named prefix + name as {name: value}, taking them out of row."""
    taken = {key: row.pop(key) for key in [key for key in row if key.startswith(prefix)]}
    return {key[len(prefix) :]: value for key, value in taken.items()}


def records(rows, cls, **common):
    """Return rows (dicts) as records of cls, with the common attributes and their page's URL,
    and note them as shown."""
    built = [cls(**row, **common) for row in rows]
    if cls.page and built:
        url = page_urls(cls.page)
        for record in built:
            record.url = url(record.slug)
    pagedeps.shows_records(cls.kind, (record.id for record in built))
    return built


def record(row, cls):
    """Return one row as a record of cls (None for None) and note it as shown."""
    if row is None:
        return None
    pagedeps.shows_records(cls.kind, (row["id"],))
    return cls(**row)


def day(value):
    """Return a date from what a raw cursor gives (SQLite: ISO text), or None."""
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def citations(rows):
    """Return cited sentences (annotations with their paragraph and article) from evidence rows.

    Rows carry the columns of ``reading.evidence.COLUMNS`` and, where the page shows the sentence
    in its context, the paragraph's ``text``; each article is one record, noted as shown (its
    title is on the page).
    """
    articles, built, url = {}, [], page_urls(ArticleRecord.page)
    for row in rows:
        article = articles.get(row["art"])
        if article is None:
            article = articles[row["art"]] = ArticleRecord(
                id=row["art"],
                title=row["title"],
                slug=row["slug"],
                url=url(row["slug"]),
                reprint_of_id=row["reprint_of"],
                published_lower=day(row["published"]),
            )
        paragraph = Record(
            id=row["para"],
            position=row["position"],
            text=row.get("text"),
            article_id=row["art"],
            article=article,
        )
        built.append(
            CitationRecord(
                id=row["id"],
                quote=row["quote"],
                start=row["start"],
                end=row["end"],
                orphaned=False,
                paragraph_id=row["para"],
                paragraph=paragraph,
            )
        )
    pagedeps.shows_records("article", articles)
    return built
