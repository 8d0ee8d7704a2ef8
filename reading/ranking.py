"""Rank each claim's public citations once, when its evidence changes (reading/models.py).

The order is the one readers see: a citation that states the claim comes first (3 for the
claim's title, 2 for a role verb, 1 for a date word: textkit/claims.py), a reprint's copy of a
sentence already cited (same words, punctuation aside) folds under it, and the rest keep the
originals-first order (``archive.models.originals_first``). A person's mentions rank in
originals-first order alone.

``rank_claims`` ranks the people (their mentions), roles or events named again from the public
evidence (the one rule of archive/public.py, compiled by Django): it deletes what was there,
inserts every citation with its rank (window functions, SQLite ≥ 3.25 and PostgreSQL) and adds up
each claim's totals. The shortest end of each claim's title that a sentence must contain to name
it (``textkit.claims.title_tail``) is worked out in Python and joined from a temporary table.
``rank_everything`` does the same for every claim at once, after bulk loads.

``move_citation`` keeps a claim's ranking in step when one citation alone comes, goes or moves
(an editor publishing or withdrawing a sentence): it finds the citation's place among the
claim's ranks by bisection (a dozen index lookups for eight thousand citations), shifts the
ranks after it by one and corrects the totals, instead of ranking the whole claim again. Where
one citation changes how others fold (a sentence with the words of one already cited, or an
original that reprint copies fold under), it declines and the claim is ranked again whole.
"""

import datetime

from django.db import connection, transaction
from django.db.models import Case, Exists, F, Max, OuterRef, PositiveIntegerField, Q, When

from archive import public
from archive.models import Annotation, Article, Event, Paragraph
from people.models import Person, Role
from textkit.claims import TITLE_POINTS, title_tail

from .models import ClaimRanking, RankedCitation

BATCH = 500  # claims per statement: their ids stay well under SQLite's parameter limit
KINDS = {"person": Person, "role": Role, "event": Event}
# Originals first, then by publication date, article, paragraph position, offset and id.
ORDER = 'reprint_of IS NOT NULL, reprint_of, published IS NULL, published, art, position, "start", id'
TAILS = "annals_title_tails"  # a temporary table: (claim id, title tail)


def cited(kind):
    """Return what ranks for a kind of claim: the public evidence of roles and events, and every
    public mention of a person (captions and headings too: they name the person)."""
    return Annotation.objects.public() if kind == "person" else public.evidence()


def _scope(kind, ids):
    where = {f"{kind}__in": ids} if ids is not None else {f"{kind}__isnull": False}
    return cited(kind).filter(**where)


def evidence_of(kind, ids=None):
    """Return the public evidence of the claims of a kind with these ids (None: every claim), as
    lean values() rows."""
    return (
        _scope(kind, ids)
        .annotate(
            t=F(kind),
            w=F("words_key"),
            c=F("cues"),
            position=F("paragraph__position"),
            art=F("paragraph__article_id"),
            reprint_of=F("paragraph__article__reprint_of"),
            published=F("paragraph__article__published_lower"),
        )
        .order_by()
        .values("id", "t", "w", "c", "quote", "start", "position", "art", "reprint_of", "published")
    )


def _mentions_sql(inner):
    table = RankedCitation._meta.db_table
    return f"""
        INSERT INTO {table} (annotation_id, person_id, rank, head_id, seq, states)
        SELECT id, t, seq, NULL, seq, 0 FROM (
            SELECT ev.id, ev.t, ROW_NUMBER() OVER (PARTITION BY ev.t ORDER BY {ORDER}) AS seq
            FROM ({inner}) ev
        ) numbered
    """


def _ranking_sql(kind, inner):
    instr = "STRPOS" if connection.vendor == "postgresql" else "INSTR"
    table, target = RankedCitation._meta.db_table, f"{kind}_id"
    return f"""
        WITH ev AS ({inner}),
        scored AS (
            SELECT ev.id, ev.t, ev.w, ev.start, ev.position, ev.art, ev.reprint_of, ev.published,
                ev.c + CASE WHEN tails.tail <> '' AND {instr}(ev.quote, tails.tail) > 0
                    THEN {TITLE_POINTS} ELSE 0 END AS s
            FROM ev LEFT JOIN {TAILS} tails ON tails.tt = ev.t
        ),
        numbered AS (
            SELECT scored.*, ROW_NUMBER() OVER (PARTITION BY t, w ORDER BY {ORDER}) AS nth,
                ROW_NUMBER() OVER (PARTITION BY t ORDER BY {ORDER}) AS seq
            FROM scored
        ),
        folded AS (
            SELECT numbered.*, CASE WHEN reprint_of IS NOT NULL AND nth > 1 THEN 1 ELSE 0 END AS copy
            FROM numbered
        ),
        ranked AS (
            SELECT folded.*, ROW_NUMBER() OVER (PARTITION BY t ORDER BY copy, s DESC, {ORDER}) AS rk
            FROM folded
        ),
        headed AS (
            SELECT ranked.*, FIRST_VALUE(id) OVER (PARTITION BY t, w ORDER BY copy, rk) AS head,
                MIN(CASE WHEN copy = 0 THEN rk END) OVER (PARTITION BY t, w) AS head_rank
            FROM ranked
        )
        INSERT INTO {table} (annotation_id, {target}, rank, head_id, seq, states)
        SELECT id, t, CASE WHEN copy = 1 THEN head_rank ELSE rk END,
            CASE WHEN copy = 1 THEN head END, seq, s
        FROM headed
    """


def _totals_sql(kind, ids):
    """Add up the claims' rankings: ids of them, or None for every claim of the kind."""
    cited_table, target = RankedCitation._meta.db_table, f"{kind}_id"
    annotations, paragraphs, articles = (m._meta.db_table for m in (Annotation, Paragraph, Article))
    where = (
        f"r.{target} IN ({', '.join(['%s'] * len(ids))})" if ids is not None else f"r.{target} IS NOT NULL"
    )
    return f"""
        INSERT INTO {ClaimRanking._meta.db_table} ({target}, groups, copies, latest)
        SELECT r.{target}, SUM(CASE WHEN r.head_id IS NULL THEN 1 ELSE 0 END),
            SUM(CASE WHEN r.head_id IS NULL THEN 0 ELSE 1 END), MAX(ar.published_lower)
        FROM {cited_table} r JOIN {annotations} a ON a.id = r.annotation_id
            JOIN {paragraphs} p ON p.id = a.paragraph_id JOIN {articles} ar ON ar.id = p.article_id
        WHERE {where}
        GROUP BY r.{target}
    """


def _fill_tails(cursor, kind, ids):
    """Put the title tail of each claim ranked into the temporary table the ranking joins."""
    cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {TAILS} (tt BIGINT PRIMARY KEY, tail TEXT)")
    cursor.execute(f"DELETE FROM {TAILS}")
    claims = KINDS[kind].objects.all() if ids is None else KINDS[kind].objects.filter(pk__in=ids)
    if ids is None:
        claims = claims.filter(pk__in=_scope(kind, None).values(kind))
    rows = [(pk, title_tail(title)) for pk, title in claims.values_list("pk", "title").iterator()]
    cursor.executemany(f"INSERT INTO {TAILS} (tt, tail) VALUES (%s, %s)", rows)


@transaction.atomic
def rank_claims(kind, ids):
    """Rank again the public citations of the people (their mentions), roles or events (kind)."""
    ids = sorted({pk for pk in ids if pk})
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        # What these claims cited before, and what they cite now that another claim held until now.
        RankedCitation.objects.filter(**{f"{kind}__in": batch}).delete()
        RankedCitation.objects.filter(annotation__in=_scope(kind, batch).values("pk")).delete()
        ClaimRanking.objects.filter(**{f"{kind}__in": batch}).delete()
        _rank(kind, batch)


@transaction.atomic
def rank_everything():
    """Rank the citations of every person, role and event public evidence cites (after bulk loads)."""
    RankedCitation.objects.all().delete()
    ClaimRanking.objects.all().delete()
    for kind in KINDS:
        _rank(kind, None)


def _rank(kind, ids):
    inner, params = evidence_of(kind, ids).query.sql_with_params()
    with connection.cursor() as cursor:
        if kind == "person":
            cursor.execute(_mentions_sql(inner), params)
        else:
            _fill_tails(cursor, kind, ids)
            cursor.execute(_ranking_sql(kind, inner), params)
        cursor.execute(_totals_sql(kind, ids), ids or [])


# How a ranked citation reaches the fields of ORDER (and its score, stored as ``states``).
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
    """ORDER in Python: it compares NULLs only through IS NULL, so both engines sort alike."""
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


def ranked_claims(queryset):
    """Return the roles or events of queryset public evidence cites, as their rankings say.

    The same rows as ``archive.public.roles()`` / ``events()`` (a claim is ranked exactly when
    public evidence cites it, tests/reading/test_ranking.py), one join instead of an ``EXISTS``
    over the evidence for each: a person with two hundred events costs what one with two costs.
    """
    return queryset.filter(ranking__isnull=False)


def public_people(queryset):
    """Return the people of queryset public evidence cites (``archive.public.people()``'s rule):
    a ranked role of theirs (exactly the roles public evidence cites), or a mention looked up."""
    with_roles = ranked_claims(Role.objects.filter(person=OuterRef("pk")))
    mentioned = public.evidence().filter(person=OuterRef("pk"))
    return queryset.filter(Exists(with_roles) | Exists(mentioned))


def public_organizations(queryset):
    """Return the organisations of queryset that ``archive.public.organizations()`` gives: cited,
    holding a ranked role or taking part in a ranked event."""
    with_roles = ranked_claims(Role.objects.filter(organization=OuterRef("pk")))
    in_events = ranked_claims(Event.objects.filter(organizations=OuterRef("pk")))
    mentioned = public.evidence().filter(organization=OuterRef("pk"))
    return queryset.filter(Exists(with_roles) | Exists(in_events) | Exists(mentioned))
