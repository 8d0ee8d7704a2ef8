"""Articles and events as readers see them: annotated paragraphs, the timeline, the home page.

People and organisations have theirs in careers.py; the JSON shapes are in payloads.py.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Sum
from django.db.models.functions import ExtractYear

from archive import public
from archive.models import Annotation, Article, originals_first
from people.models import Person, Role
from textkit.segments import pieces

from . import ranking
from .models import ClaimRanking


@dataclass
class Segment:
    """A run of a paragraph's text and the annotations covering it (innermost first)."""

    text: str
    annotations: list = field(default_factory=list)
    starts: bool = False
    highlighted: bool = False

    @property
    def annotation(self):
        return self.annotations[0] if self.annotations else None


def anchored(paragraph, annotations):
    """Return the annotations whose quote still stands at their offsets (orphans are left out)."""
    text = paragraph.text
    return [
        a for a in annotations if not a.orphaned and a.end <= len(text) and text[a.start : a.end] == a.quote
    ]


def segments(text, annotations, highlight=None):
    """Split text at every annotation boundary; each piece knows what covers it.

    Overlapping spans (a name inside a cited sentence) become flat pieces, so every piece can be
    one link to its innermost annotation without nesting links.
    """
    return [
        Segment(
            text[lower:upper],
            covering,
            starts=bool(covering) and covering[0].start == lower,
            highlighted=highlight is not None and any(a.pk == highlight for a in covering),
        )
        for lower, upper, covering in pieces(text, annotations)
    ]


def article_annotations(article):
    """Return the article's published annotations grouped by paragraph id, targets selected."""
    annotations = (
        Annotation.objects.public()
        .filter(paragraph__article=article)
        .select_related("person", "role__person", "role__organization", "event", "organization")
        .order_by("paragraph", "start", "pk")
    )
    grouped = defaultdict(list)
    for annotation in annotations:
        grouped[annotation.paragraph_id].append(annotation)
    return grouped


def article_paragraphs(article, highlight=None):
    """Return the article's paragraphs in order, each with ``segments`` and ``original`` set.

    ``original`` is the paragraph a copy was aligned to, only when its article is published.
    """
    paragraphs = list(article.paragraphs.select_related("aligned_to__article").order_by("position"))
    grouped = article_annotations(article)
    for paragraph in paragraphs:
        annotations = anchored(paragraph, grouped.get(paragraph.pk, []))
        paragraph.public_annotations = annotations
        paragraph.segments = segments(paragraph.text, annotations, highlight)
        original = paragraph.aligned_to
        paragraph.original = original if original and original.article.is_published else None
    return paragraphs


SET_APART = {"duplicate", "boilerplate", "metadata"}  # folded at the end of the article page


def reading_surface(paragraphs):
    """Return what frames the text: section headings, people named, set-apart paragraphs.

    {"toc": [heading paragraphs], "people": [(person, first paragraph position, count)],
    "text": paragraphs to read in order, "set_apart": duplicates, boilerplate and metadata}.
    """
    people = {}
    for paragraph in paragraphs:
        for annotation in paragraph.public_annotations:
            person = annotation.person or (annotation.role.person if annotation.role_id else None)
            if person is not None:
                entry = people.setdefault(person.pk, [person, paragraph.position, 0])
                entry[2] += 1
    return {
        "toc": [p for p in paragraphs if p.kind == "heading"],
        "people": sorted((tuple(entry) for entry in people.values()), key=lambda entry: entry[1]),
        "text": [p for p in paragraphs if p.kind not in SET_APART],
        "set_apart": [p for p in paragraphs if p.kind in SET_APART],
    }


def arrival(article, annotation_id):
    """Return where a reader came from (``?hl=``): the cited annotation, its target, and the
    previous and next citations of the same target, or None when the id is not public here.
    """
    if annotation_id is None:
        return None
    cited = (
        Annotation.objects.public()
        .filter(pk=annotation_id, paragraph__article=article)
        .select_related("person", "role__person", "role__organization", "event", "organization", "paragraph")
        .first()
    )
    if cited is None or cited.target_kind == "note":
        return None
    kind = cited.target_kind
    siblings = list(
        Annotation.objects.public()
        .filter(**{kind: getattr(cited, f"{kind}_id")})
        .select_related("paragraph__article")
        .order_by(*originals_first("paragraph__"))
    )
    index = next(i for i, a in enumerate(siblings) if a.pk == cited.pk)
    return {
        "cited": cited,
        "previous": siblings[index - 1] if index > 0 else None,
        "next": siblings[index + 1] if index + 1 < len(siblings) else None,
        "position": index + 1,
        "total": len(siblings),
    }


def article_list():
    """Return the published articles in date order (a page's counts come from ``with_counts``)."""
    return (
        public.articles()
        .select_related("reprint_of")
        .order_by(F("published_lower").asc(nulls_last=True), "title", "pk")
    )


def with_counts(page):
    """Give each article of a page its number of public annotations (``annotation_count``) and
    of published copies (``copy_count``): two grouped queries for the page's articles.

    Counted per page, not annotated on the list: a count subquery per row made the paginator's
    count and the page's query compute it for all 10,000 articles (1.2 s on SQLite).
    """
    page = list(page)
    ids = [article.pk for article in page]
    annotations = dict(
        Annotation.objects.public()
        .filter(paragraph__article__in=ids)
        .order_by()
        .values_list("paragraph__article")
        .annotate(n=Count("pk"))
    )
    copies = dict(
        Article.objects.filter(reprint_of__in=ids, is_published=True)
        .order_by()
        .values_list("reprint_of")
        .annotate(n=Count("pk"))
    )
    for article in page:
        article.annotation_count = annotations.get(article.pk, 0)
        article.copy_count = copies.get(article.pk, 0)
    return page


def event_list(with_citations=True):
    """Return the public events in date order with participants, organisations and (unless told
    not to) every citation."""
    events = public.events_with_citations(with_citations=with_citations)
    return events.order_by(F("date_lower").asc(nulls_last=True), "title")


def events_by_year(events):
    """Group events as [(year or None, [event, …])] keeping their order."""
    groups = {}
    for event in events:
        groups.setdefault(event.date_lower.year if event.date_lower else None, []).append(event)
    return list(groups.items())


def person_count():
    """Return how many people are public: those public evidence cites, directly or by a role.

    The same number as ``public.people().count()``: a role's standing is read from its ranking
    (reading/models.py: a role is ranked while public evidence cites it), a mention is looked up
    per person (1.2 s → 0.1 s on the full synthetic archive, SQLite).
    """
    return ranking.public_people(Person.objects.all()).count()


def busiest_people(n):
    """Return the n public people with the most public roles (``role_count``), then by pinyin.

    The roles are counted from their rankings (a ranked role is a public one), grouped by
    person; people with no public role fill the rest in pinyin order.
    """
    counted = (
        ranking.ranked_claims(Role.objects.all())
        .values_list("person")
        .annotate(roles=Count("pk"))
        .order_by("-roles", "person__pinyin")[:n]
    )
    counted = list(counted)
    counts = dict(counted)
    found = Person.objects.in_bulk(counts)
    people = [found[pk] for pk, _ in counted]
    if len(people) < n:
        people += public.people().exclude(pk__in=counts).order_by("pinyin")[: n - len(people)]
    for person in people:
        person.role_count = counts.get(person.pk, 0)
    return people


def cited_sentences():
    """Return how many public sentences cite a person, a role or an event, from their rankings."""
    totals = ClaimRanking.objects.aggregate(n=Sum(F("groups") + F("copies")))
    return totals["n"] or 0


def archive_overview():
    """Return what the archive holds: counts, events per year, and entry points."""
    per_year = list(
        public.events()
        .exclude(date_lower=None)
        .annotate(year=ExtractYear("date_lower"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    )
    peak = max((row["n"] for row in per_year), default=1)
    return {
        "article_count": public.articles().count(),
        "person_count": person_count(),
        "organization_count": public.organizations().count(),
        "event_count": public.events().count(),
        "cited_count": cited_sentences(),
        "years": [{**row, "percent": round(row["n"] * 100 / peak)} for row in per_year],
        "people": busiest_people(12),
        "articles": list(
            public.articles().filter(reprint_of=None).order_by(F("published_lower").desc(nulls_last=True))[:5]
        ),
    }
