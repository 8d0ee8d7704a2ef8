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

How one citation moves a ranking without ranking it whole: reading/moves.py.
"""

from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef

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
