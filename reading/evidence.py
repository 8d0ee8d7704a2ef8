"""The citations a page shows of each role, event or person, read by rank: pages stay bounded.

Claims are ranked when their evidence changes (reading/ranking.py, kept in step by
reading/listeners.py): a page reads only the first ``limit`` sentences of each claim with the
reprint copies folded under them, and each claim's totals, whatever its evidence. Every row read
is checked against the public rule once more (archive/public.py), so a ranking can never show
what is not public.
"""

from django.db.models import F
from django.db.models.functions import Substr

from archive import public

from . import rows as records
from .models import ClaimRanking, RankedCitation

# What a page shows of a cited sentence (see rows.citations) and where it ranks.
SHOWN = {
    "quote": F("annotation__quote"),
    "start": F("annotation__start"),
    "end": F("annotation__end"),
    "para": F("annotation__paragraph_id"),
    "position": F("annotation__paragraph__position"),
    "text": F("annotation__paragraph__text"),
    "art": F("annotation__paragraph__article_id"),
    "title": F("annotation__paragraph__article__title"),
    "slug": F("annotation__paragraph__article__slug"),
    "reprint_of": F("annotation__paragraph__article__reprint_of"),
    "published": F("annotation__paragraph__article__published_lower"),
}
# A claim's totals, from its ranking (``ranking`` on a role, an event or a person).
TOTALS = {
    "groups": F("ranking__groups"),
    "copies_n": F("ranking__copies"),
    "latest": F("ranking__latest"),
}


def ranked(kind, limit, text=True, by="rank", **where):
    """Return a values() query of the claims of a kind that where selects: their citations up to
    limit by rank (the first limit sentences with their copies) or, with by="seq", the first limit
    in originals-first order, in that order. Rows carry t (the claim), rank, head_id, seq, states
    and SHOWN; text says what of the paragraph's text comes along: all of it (True, for the
    sentence's context), its first 31 characters ("preview") or none (False)."""
    # The public rule again, on the rows joined for what they show: a ranking never shows more.
    is_public = (
        public.public_along("annotation__") if kind == "person" else public.evidence_along("annotation__")
    )
    shown = {key: value for key, value in SHOWN.items() if key != "text"}
    if text:
        shown["text"] = Substr(SHOWN["text"], 1, 31) if text == "preview" else SHOWN["text"]
    return (
        RankedCitation.objects.filter(is_public, **{f"{by}__lte": limit}, **where)
        .order_by(f"{kind}_id", by, "seq")
        .values("rank", "seq", "states", "head_id", id=F("annotation_id"), t=F(kind), **shown)
    )


def attach(items, rows):
    """Give each role or event (with its TOTALS) its citations from ranked() rows; return items.

    Sets what careers.rank_evidence sets (``best``, ``others``, ``more_citations``,
    ``copy_count``, ``citation_count``), ``citations`` (the sentences shown, in rank order) and
    ``latest_source`` (the newest source's date among all its citations).
    """
    sentences = records.citations(rows)
    found = {}
    for row, sentence in zip(rows, sentences):
        entry = found.setdefault(row["t"], {"heads": {}, "copies": []})
        if row["head_id"]:
            entry["copies"].append((row["head_id"], sentence))
        else:
            entry["heads"][sentence.id] = records.Group(sentence, [], row["states"])
    for item in items:
        entry = found.get(item.pk, {"heads": {}, "copies": []})
        for head, sentence in entry["copies"]:
            if head in entry["heads"]:  # its sentence is public: the ranking and the rule agree
                entry["heads"][head].copies.append(sentence)
        _set(item, list(entry["heads"].values()))
    return items


def _set(item, heads):
    groups, copies = item.groups or 0, item.copies_n or 0
    item.citations = [group.citation for group in heads]
    item.best = heads[0] if heads else None
    item.others = heads[1:]
    item.more_citations = groups - len(heads)
    item.copy_count = copies
    item.citation_count = groups + copies
    item.latest_source = item.latest


def attach_ranked(items, kind, limit):
    """Give model instances (roles or events) their first limit citations and totals; return items.

    For pages not yet built from prepared queries: two queries for all the items.
    """
    items = list(items)
    ids = [item.pk for item in items]
    totals = ClaimRanking.objects.filter(**{f"{kind}__in": ids}).values_list(
        kind, "groups", "copies", "latest"
    )
    totals = {pk: (groups, copies, latest) for pk, groups, copies, latest in totals}
    for item in items:
        item.groups, item.copies_n, item.latest = totals.get(item.pk, (0, 0, None))
    return attach(items, list(ranked(kind, limit, **{f"{kind}__in": ids})))
