"""Move one citation in its claim's ranking (reading/ranking.py) without ranking the claim whole.

``move_citation`` keeps a claim's ranking in step when one citation alone comes, goes or moves
(an editor publishing or withdrawing a sentence): it finds the citation's place among the
claim's ranks by bisection (a dozen index lookups for eight thousand citations), shifts the
ranks after it by one and corrects the totals, instead of ranking the whole claim again. Where
one citation changes how others fold (a sentence with the words of one already cited, or an
original that reprint copies fold under), it declines and the claim is ranked again whole.
"""

import datetime

from django.db import transaction
from django.db.models import Case, F, Max, PositiveIntegerField, Q, When

from archive.models import Annotation, Article
from textkit.claims import TITLE_POINTS, title_tail

from .models import ClaimRanking, RankedCitation
from .ranking import KINDS, evidence_of

# How a ranked citation reaches the fields of ranking.ORDER (and its score, stored as ``states``).
STORED_KEYS = {
    "pk_": F("annotation_id"),
    "s_": F("states"),
    "start_": F("annotation__start"),
    "position_": F("annotation__paragraph__position"),
    "art_": F("annotation__paragraph__article_id"),
    "reprint_of_": F("annotation__paragraph__article__reprint_of"),
    "published_": F("annotation__paragraph__article__published_lower"),
}


def _order_key(pk, reprint_of, published, art, position, start):
    """ranking.ORDER in Python: it compares NULLs only through IS NULL, so both engines sort alike."""
    return (
        reprint_of is not None,
        reprint_of or 0,
        published is None,
        published or datetime.date.min,
        art,
        position,
        start,
        pk,
    )


def _stored_key(row):
    return _order_key(
        row["pk_"], row["reprint_of_"], row["published_"], row["art_"], row["position_"], row["start_"]
    )


def _one(queryset):
    """Return the first row of queryset in no particular order (the models' default orderings
    join the people, roles and events to sort one row), or None."""
    return next(iter(queryset.order_by()[:1]), None)


class _Declined(Exception):
    """One citation's change moves others (folding, a claim first or last cited): rank it whole."""


def _score(kind, claim, row):
    if kind == "person":
        return 0
    tail = title_tail(KINDS[kind].objects.filter(pk=claim).values_list("title", flat=True).get())
    return row["c"] + (TITLE_POINTS if tail and tail in row["quote"] else 0)


def _place(claim_rows, key, count, field, by_score=False):
    """Return the place a citation with key takes among claim_rows numbered 1..count by field:
    the first place whose citation sorts after it, or the one after the last. Keys are ORDER, or
    (-score, ORDER) by_score."""
    low, high = 1, count + 1
    while low < high:
        middle = (low + high) // 2
        row = _one(claim_rows.filter(**{field: middle}).values(**STORED_KEYS))
        if row is None:
            raise _Declined(f"no citation at {field} {middle}")
        stored = (-row["s_"], _stored_key(row)) if by_score else _stored_key(row)
        if stored > key:
            high = middle
        else:
            low = middle + 1
    return low


def _shift(field, where, by):
    """Return field moved by one place (by: 1 or -1) where the condition holds."""
    return Case(When(where, then=F(field) + by), default=F(field), output_field=PositiveIntegerField())


def _head(claim_rows, words):
    """Return the best-ranked sentence with these words among claim_rows that is not a copy (the
    citation a reprint's copies of the words fold under), with its keys, or None."""
    group = claim_rows.filter(head=None, annotation__words_key=words).order_by("rank")
    return group.values(**STORED_KEYS, rank_=F("rank")).first()


def _remove(kind, totals, held):
    """Take the ranked citation held out of its claim's ranking (totals: the claim's, locked).

    A copy leaves the others as they were. A sentence copies fold under hands them to the next
    original with the same words; with none left, a reprint would become the sentence: declined.
    """
    claim_rows = RankedCitation.objects.filter(**{kind: getattr(held, f"{kind}_id")})
    copy, successor = held.head_id is not None, None
    if kind != "person" and not copy:
        copies = RankedCitation.objects.filter(head=held.pk)
        words = _one(copies.values_list("annotation__words_key", flat=True))
        if words is not None:
            successor = _head(claim_rows.exclude(annotation=held.pk), words)
            if successor is None:
                raise _Declined("a reprint's copy would become the sentence")
    published = (
        Article.objects.filter(paragraphs__annotations=held.pk)
        .values_list("published_lower", flat=True)
        .get()
    )
    held.delete()
    after = Q(seq__gt=held.seq) if copy else Q(seq__gt=held.seq) | Q(rank__gt=held.rank)
    claim_rows.filter(after).update(
        seq=_shift("seq", Q(seq__gt=held.seq), -1),
        rank=F("rank") if copy else _shift("rank", Q(rank__gt=held.rank), -1),
    )
    if successor is not None:  # ranked after held, so one place up now
        copies.update(head=successor["pk_"], rank=successor["rank_"] - 1)
    totals.copies -= copy
    totals.groups -= not copy
    if not totals.groups + totals.copies:
        totals.delete()
        return
    if published is not None and totals.latest is not None and published >= totals.latest:
        latest = claim_rows.aggregate(latest=Max("annotation__paragraph__article__published_lower"))
        totals.latest = latest["latest"]
    totals.save(update_fields=["groups", "copies", "latest"])


def _insert(kind, totals, row):
    """Put the public citation row (of ``evidence_of``) into its claim's ranking (totals: locked).

    A sentence with new words, or an original with an original's words, ranks among the sentences
    (and heads the copies if it ranks first of its words); a reprint with words already cited
    folds under their best sentence. An original that would fold a reprint heading copies, or a
    reprint that comes before the one heading its words, moves others: declined.
    """
    claim = row["t"]
    claim_rows = RankedCitation.objects.filter(**{kind: claim})
    head = _head(claim_rows, row["w"]) if kind != "person" else None
    states = _score(kind, claim, row)
    order = _order_key(
        row["id"], row["reprint_of"], row["published"], row["art"], row["position"], row["start"]
    )
    if head is not None:
        if row["reprint_of"] is not None:  # a reprint's sentence with words already cited
            if head["reprint_of_"] is not None and _stored_key(head) > order:
                raise _Declined("a reprint before the one its words fold under")
            return _insert_copy(kind, totals, claim_rows, row, states, order, head)
        if head["reprint_of_"] is not None:
            raise _Declined("an original folds the reprints of its words")
    # A person's mentions rank in originals-first order: their rank is their place in it.
    rank_key = order if kind == "person" else (-states, order)
    rank = _place(claim_rows.filter(head=None), rank_key, totals.groups, "rank", by_score=kind != "person")
    seq = rank if kind == "person" else _place(claim_rows, order, totals.groups + totals.copies, "seq")
    claim_rows.filter(Q(rank__gte=rank) | Q(seq__gte=seq)).update(
        rank=_shift("rank", Q(rank__gte=rank), 1),
        seq=_shift("seq", Q(seq__gte=seq), 1),
    )
    if head is not None and rank <= head["rank_"]:  # the best sentence of its words now
        RankedCitation.objects.filter(head=head["pk_"]).update(head=row["id"], rank=rank)
    RankedCitation.objects.create(
        annotation_id=row["id"], **{f"{kind}_id": claim}, rank=rank, head=None, seq=seq, states=states
    )
    totals.groups += 1
    _saw(totals, row["published"])


def _insert_copy(kind, totals, claim_rows, row, states, order, head):
    """Fold a reprint's sentence under head, the best sentence of its words: its rank, its place
    in originals-first order."""
    seq = _place(claim_rows, order, totals.groups + totals.copies, "seq")
    claim_rows.filter(seq__gte=seq).update(seq=F("seq") + 1)
    RankedCitation.objects.create(
        annotation_id=row["id"],
        **{f"{kind}_id": row["t"]},
        rank=head["rank_"],
        head_id=head["pk_"],
        seq=seq,
        states=states,
    )
    totals.copies += 1
    _saw(totals, row["published"])


def _saw(totals, published):
    if published is not None and (totals.latest is None or published > totals.latest):
        totals.latest = published
    totals.save(update_fields=["groups", "copies", "latest"])


def _locked_totals(kind, claim):
    """Return the claim's totals, locked until the transaction ends (two publishes of one claim
    take turns), or raise _Declined for a claim not ranked yet."""
    totals = _one(ClaimRanking.objects.select_for_update().filter(**{kind: claim}))
    if totals is None:
        raise _Declined("the claim has no ranking yet")
    return totals


def move_citation(annotation):
    """Bring the rankings in step with one annotation (its pk) that alone changed, and return True;
    return False, having changed nothing, when its change moves other citations (they fold under
    it, or it under them) or its claim is cited for the first time: rank its claims whole then."""
    held = _one(RankedCitation.objects.filter(annotation=annotation))
    target = _one(Annotation.objects.filter(pk=annotation).values_list(*KINDS)) or (None,) * len(KINDS)
    kind, claim = next(((k, pk) for k, pk in zip(KINDS, target, strict=True) if pk), (None, None))
    now = _one(evidence_of(kind, [claim]).filter(pk=annotation)) if kind else None
    try:
        with transaction.atomic():
            if held is not None:
                held_kind = next(k for k in KINDS if getattr(held, f"{k}_id"))
                _remove(held_kind, _locked_totals(held_kind, getattr(held, f"{held_kind}_id")), held)
            if now is not None:
                _insert(kind, _locked_totals(kind, claim), now)
    except _Declined:
        return False
    return True
