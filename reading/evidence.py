"""The first citations of each role or event, ranked and chosen in SQL: pages stay bounded.

The ranking is the one ``careers.rank_citations`` applies in Python, expressed as SQL: a
citation states the claim (3 for the claim's title, 2 for a role verb, 1 for a date word), a
reprint's copy of a sentence already cited (same words, punctuation aside) folds under it, and
the rest keep the originals-first order. The public evidence query is Django's (the one rule in
archive/public.py); two window layers around it (SQLite ≥ 3.25 and PostgreSQL) number the
copies, then the groups, and only the first ``limit`` groups, their copies and the counts of
the rest leave the database.
"""

import datetime

from django.db import connection
from django.db.models import F, Func, IntegerField, Q, TextField, Value
from django.db.models.expressions import Case, When
from django.db.models.functions import Greatest, Length, Right, StrIndex
from django.db.models.lookups import GreaterThan

from archive import public
from archive.models import Annotation


# What careers._UNQUOTED ([\W_]+) drops from Chinese and English sentences and titles.
class Words(Func):
    """The text without what careers._UNQUOTED ([\\W_]+) drops: the words a reprint's copy shares.

    SQLite calls the same Python expression (registered by reading/apps.py); PostgreSQL's regular
    expressions know Unicode word characters in a UTF-8 database.
    """

    function = "annals_words"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            function="REGEXP_REPLACE",
            template="%(function)s(%(expressions)s, '[\\W_]+', '', 'g')",
            **extra,
        )


def unquoted(text):
    """The SQLite function behind Words."""
    from .careers import _UNQUOTED

    return _UNQUOTED.sub("", text) if text is not None else None


def words(expression):
    return Words(expression)


def states(title):
    """Return the SQL score of careers.states: 3 × the title's tail, 2 × a role verb, 1 × a date word.

    careers._title_in asks for any tail of the title at least max(2, len // 2) long; every
    longer tail contains the shortest, so one test of the shortest is the same question.
    """
    from .careers import DATE_WORDS, ROLE_VERBS

    cleaned = words(title)
    tail = Right(cleaned, Greatest(Value(2), Length(cleaned) / Value(2)))
    names_title = Q(GreaterThan(Length(cleaned), 1)) & Q(GreaterThan(StrIndex("quote", tail), 0))
    score = Value(0)
    for condition, points in (
        (names_title, 3),
        (Q(quote__regex=ROLE_VERBS.pattern), 2),
        (Q(quote__regex=DATE_WORDS.pattern), 1),
    ):
        score = score + Case(
            When(condition, then=Value(points)), default=Value(0), output_field=IntegerField()
        )
    return score


ORDER = 'reprint_of IS NOT NULL, reprint_of, published IS NULL, published, title, position, "start", id'


def ranked(target, ids, limit):
    """Return {target id: {"heads": [(id, states)], "copies": {head id: [id]}, "groups", "copies_n"}}.

    heads are the first limit groups in rank order; groups and copies_n count them all.
    """
    if not ids:
        return {}
    evidence = (
        public.evidence()
        .filter(**{f"{target}__in": ids})
        .annotate(
            t=F(target),
            w=words(F("quote")),
            s=states(F(f"{target}__title")),
            reprint_of=F("paragraph__article__reprint_of"),
            published=F("paragraph__article__published_lower"),
            title=F("paragraph__article__title"),
            position=F("paragraph__position"),
        )
        .order_by()
        .values("id", "t", "w", "s", "reprint_of", "published", "title", "position", "start")
    )
    inner, params = evidence.query.sql_with_params()
    sql = f"""
        WITH ev AS ({inner}),
        numbered AS (
            SELECT ev.*, ROW_NUMBER() OVER (PARTITION BY t, w ORDER BY {ORDER}) AS nth,
                ROW_NUMBER() OVER (PARTITION BY t ORDER BY {ORDER}) AS seq,
                MAX(published) OVER (PARTITION BY t) AS latest
            FROM ev
        ),
        folded AS (
            SELECT numbered.*, CASE WHEN reprint_of IS NOT NULL AND nth > 1 THEN 1 ELSE 0 END AS copy
            FROM numbered
        ),
        ranked AS (
            SELECT folded.*,
                ROW_NUMBER() OVER (PARTITION BY t ORDER BY copy, s DESC, {ORDER}) AS rank,
                SUM(1 - copy) OVER (PARTITION BY t) AS groups,
                SUM(copy) OVER (PARTITION BY t) AS copies
            FROM folded
        )
        SELECT r.id, r.t, r.s, r.copy, r.seq, r.groups, r.copies, r.w, r.latest FROM ranked r
        WHERE (r.copy = 0 AND r.rank <= %s) OR (r.copy = 1 AND EXISTS (
            SELECT 1 FROM ranked h WHERE h.t = r.t AND h.w = r.w AND h.copy = 0 AND h.rank <= %s
        ))
        ORDER BY r.t, r.rank
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit, limit])
        rows = cursor.fetchall()
    result, head_of, copies_of = {}, {}, {}
    for pk, t, score, copy, seq, groups, copies, w, latest in rows:
        entry = result.setdefault(
            t, {"heads": [], "copies": {}, "groups": groups, "copies_n": copies, "latest": _day(latest)}
        )
        if copy:
            copies_of.setdefault((t, w), []).append((seq, pk))
        else:
            entry["heads"].append((pk, score))
            head_of.setdefault((t, w), pk)
    for (t, w), found in copies_of.items():
        result[t]["copies"][head_of[(t, w)]] = [pk for _, pk in sorted(found)]
    return result


def _day(value):
    """Return a date from what the cursor gives (SQLite: ISO text), or None."""
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def attach(items, target, limit):
    """Give each role or event (``target`` "role" or "event") its ranked evidence, bounded.

    Sets what careers.rank_evidence sets (``best``, ``others``, ``more_citations``,
    ``copy_count``) and ``citations`` (the heads shown, in rank order), with two queries for all
    the items whatever their evidence.
    """
    items = list(items)
    rankings = ranked(target, [item.pk for item in items], limit)
    ids = [pk for r in rankings.values() for pk, _ in r["heads"]]
    ids += [pk for r in rankings.values() for copies in r["copies"].values() for pk in copies]
    loaded = {}
    if ids:
        loaded = {a.pk: a for a in Annotation.objects.filter(pk__in=ids).select_related("paragraph__article")}
    for item in items:
        ranking = rankings.get(
            item.pk, {"heads": [], "copies": {}, "groups": 0, "copies_n": 0, "latest": None}
        )
        groups = [
            {
                "citation": loaded[pk],
                "copies": [loaded[copy] for copy in ranking["copies"].get(pk, ())],
                "states": score,
            }
            for pk, score in ranking["heads"]
        ]
        item.citations = [group["citation"] for group in groups]
        item.best = groups[0] if groups else None
        item.others = groups[1:]
        item.more_citations = ranking["groups"] - len(groups)
        item.copy_count = ranking["copies_n"]
        item.citation_count = ranking["groups"] + ranking["copies_n"]
        item.latest_source = ranking.get("latest")
    return items
