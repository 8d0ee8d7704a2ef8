"""A realistic, reproducible synthetic archive for benchmarks and scale tests.

The same options and seed on the same database give the same archive. Organisations with
parents and aliases, people with careers (titles rising in order, fuzzy dates, a sequence, the
last one often current), events with participants, original articles whose paragraphs narrate
those careers, reprints that copy, drop, swap and merge their paragraphs (with alignments), and
annotations that quote exactly the words naming what they cite. Rows go in with bulk_create in
batches inside one transaction: 10,000 articles and 1,000,000 annotations load in minutes.
"""

import itertools
import random

from django.db import connection, transaction

from archive.models import Alignment, Annotation, Article, Event, Paragraph
from core.signals import content_changed
from people.models import Alias, Organization, OrganizationAlias, Person, Role
from textkit.pinyin import compact_key, initials, pinyin, slugify_zh

from . import text as st
from .text import Rec, bounds

BATCH = 1000
ORIGINALS_PER_BATCH = 100
REPRINT_SHARE = 0.2


class SlugBook:
    """Hand out slugs unique among a model's existing rows and those made in this run."""

    def __init__(self, model):
        self.taken = set(model._default_manager.values_list("slug", flat=True))

    def make(self, text, max_length=60):
        base = slugify_zh(text, max_length=max_length)
        slug, n = base, 1
        while slug in self.taken:
            n += 1
            slug = f"{base}-{n}"
        self.taken.add(slug)
        return slug


def name_keys(name):
    return {"pinyin": pinyin(name), "pinyin_key": compact_key(name)}


@transaction.atomic
def archive_generate(*, articles, people, annotations, seed=1, progress=None):
    """Create a synthetic archive of the given sizes; return counts of the rows created."""
    if min(articles, people) < 1 or annotations < 0:
        raise ValueError("articles and people must be at least 1 and annotations not negative")
    rng = random.Random(seed)
    progress = progress or (lambda message: None)
    orgs = _organizations(rng, max(3, people // 25))
    persons = _people(rng, people, orgs)
    progress(f"{len(orgs)} organisations, {len(persons)} people")
    events = _events(rng, max(1, articles // 3), persons, orgs)
    progress(f"{len(events)} events")
    counts = _articles(rng, articles, annotations, persons, orgs, progress)
    content_changed.send(sender=Article, using=Article.objects.db)
    refresh_planner_statistics()
    return {"organizations": len(orgs), "people": len(persons), "events": len(events), **counts}


def _organizations(rng, n):
    book, names = SlugBook(Organization), set()
    companies = [
        _unique(
            rng,
            names,
            lambda: rng.choice(st.ORG_ROOTS) + rng.choice(st.ORG_ROOTS) + rng.choice(st.COMPANY_SUFFIXES),
        )
        for _ in range(max(1, n // 4))
    ]
    rows = [
        Organization(name=name, kind=Organization.Kind.COMPANY, slug=book.make(name), **name_keys(name))
        for name in companies
    ]
    Organization.objects.bulk_create(rows, batch_size=BATCH)
    units = []
    for _ in range(n - len(rows)):
        parent = rng.choice(rows)
        name = _unique(
            rng,
            names,
            lambda: parent.name[:2] + rng.choice(st.UNIT_PREFIXES) + rng.choice(st.UNIT_SUFFIXES),  # noqa: B023
        )
        units.append(
            Organization(
                name=name, kind=Organization.Kind.UNIT, parent=parent, slug=book.make(name), **name_keys(name)
            )
        )
    Organization.objects.bulk_create(units, batch_size=BATCH)
    aliases = [
        OrganizationAlias(
            organization=org, name=org.name[:2], kind=OrganizationAlias.Kind.SHORT, **name_keys(org.name[:2])
        )
        for org in rows
    ]
    aliases += [
        OrganizationAlias(
            organization=org,
            name=initials(org.name).upper(),
            kind=OrganizationAlias.Kind.ENGLISH,
            **name_keys(initials(org.name)),
        )
        for org in units
        if rng.random() < 0.4
    ]
    OrganizationAlias.objects.bulk_create(aliases, batch_size=BATCH)
    return [Rec(name=org.name, pk=org.pk) for org in rows + units]


def _unique(rng, taken, make):
    for _ in range(50):
        value = make()
        if value not in taken:
            break
    else:
        value = f"{make()}{len(taken)}"
    taken.add(value)
    return value


def _people(rng, n, orgs):
    book, persons = SlugBook(Person), []
    for start in range(0, n, BATCH):
        plans = [_career(rng, orgs) for _ in range(min(BATCH, n - start))]
        rows = [
            Person(
                name=rec.name,
                slug=book.make(rec.name),
                initials=initials(rec.name),
                **name_keys(rec.name),
                description=f"{rec.roles[-1].org_name}{rec.roles[-1].title}",
            )
            for rec in plans
        ]
        Person.objects.bulk_create(rows)
        for rec, row in zip(plans, rows):
            rec.pk = row.pk
        Alias.objects.bulk_create(itertools.chain.from_iterable(_aliases(rng, rec) for rec in plans))
        roles = [_role_row(rec, role) for rec in plans for role in rec.roles]
        Role.objects.bulk_create(roles, batch_size=BATCH)
        for role, row in zip((role for rec in plans for role in rec.roles), roles):
            role.pk = row.pk
        persons += plans
    return persons


def _career(rng, orgs):
    """Plan a person and a career: distinct titles rising in rank, years moving forward."""
    name = rng.choice(st.SURNAMES) + "".join(rng.choice(st.GIVEN) for _ in range(rng.choice((1, 2, 2))))
    count = 1 + min(7, int(rng.expovariate(0.5)))
    titles = [st.TITLES[i] for i in sorted(rng.sample(range(len(st.TITLES)), count))]
    year, person = rng.randint(1995, 2015), Rec(name=name)
    for sequence, title in enumerate(titles, start=1):
        start_edtf, start_text = st.fuzzy_date(rng, year)
        year += rng.randint(1, 4)
        last = sequence == count
        current = last and rng.random() < 0.5
        end_edtf, end_text = ("", "") if current else st.fuzzy_date(rng, year)
        org = rng.choice(orgs)
        person.roles.append(
            Rec(
                name=name,
                title=title,
                org_name=org.name,
                start_text=start_text,
                current=current,
                extra=(org.pk, sequence, start_edtf, end_edtf, end_text),
            )
        )
    return person


def _role_row(person, role):
    org_pk, sequence, start_edtf, end_edtf, end_text = role.extra
    (start_lower, start_upper), (end_lower, end_upper) = bounds(start_edtf), bounds(end_edtf)
    return Role(
        person_id=person.pk,
        title=role.title,
        organization_id=org_pk,
        sequence=sequence,
        current=role.current,
        start_text=role.start_text,
        start_edtf=start_edtf,
        start_lower=start_lower,
        start_upper=start_upper,
        end_text=end_text,
        end_edtf=end_edtf,
        end_lower=end_lower,
        end_upper=end_upper,
    )


def _aliases(rng, person):
    names = []
    if rng.random() < 0.25:
        names.append(
            (("老" + person.name[0]) if rng.random() < 0.5 else ("小" + person.name[-1]), Alias.Kind.NICKNAME)
        )
    if rng.random() < 0.15:
        names.append((rng.choice(st.ENGLISH_NAMES), Alias.Kind.ENGLISH))
    return [Alias(person_id=person.pk, name=name, kind=kind, **name_keys(name)) for name, kind in names]


def _popular(rng, persons, k):
    """Pick k people, a few of them far more often than the rest (as in real coverage)."""
    weights = getattr(_popular, "cache", None)
    if weights is None or len(weights) != len(persons):
        weights = _popular.cache = list(
            itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(persons)))
        )
    return list(dict.fromkeys(rng.choices(persons, cum_weights=weights, k=k)))


def _events(rng, n, persons, orgs):
    book, keys, rows, recs, links = (
        SlugBook(Event),
        set(Event.objects.values_list("title", "date_edtf")),
        [],
        [],
        [],
    )
    for _ in range(n):
        org = rng.choice(orgs)
        action, category = rng.choice(st.EVENT_ACTIONS)
        title = org.name + action.format(
            product=rng.choice(st.PRODUCTS),
            round=rng.choice(st.ROUNDS),
            crisis=rng.choice(st.CRISES),
            n=rng.randint(2, 20),
            campaign=rng.choice(st.CAMPAIGNS),
        )
        edtf, text = st.fuzzy_date(rng, rng.randint(1999, 2023))
        if (title, edtf) in keys:
            continue
        keys.add((title, edtf))
        lower, upper = bounds(edtf)
        rows.append(
            Event(
                title=title,
                slug=book.make(f"{edtf[:4]} {title}"),
                category=category,
                date_text=text,
                date_edtf=edtf,
                date_lower=lower,
                date_upper=upper,
                description=st.filler(rng, 20, 40),
            )
        )
        recs.append(
            Rec(
                name=title,
                title=title,
                date_text=text,
                extra=(org.pk, _popular(rng, persons, rng.randint(1, 3))),
            )
        )
    Event.objects.bulk_create(rows, batch_size=BATCH)
    for rec, row in zip(recs, rows):
        rec.pk = row.pk
        org_pk, people = rec.extra
        links.append(Event.organizations.through(event_id=row.pk, organization_id=org_pk))
        for person in people:
            person.events.append(rec)
    Event.organizations.through.objects.bulk_create(links, batch_size=BATCH)
    Event.participants.through.objects.bulk_create(
        (Event.participants.through(event_id=rec.pk, person_id=p.pk) for p in persons for rec in p.events),
        batch_size=BATCH,
    )
    return recs


def _articles(rng, n, annotations, persons, orgs, progress):
    from .articles import ArticleBatch

    reprints = int(n * REPRINT_SHARE) if n > 1 else 0
    originals = n - reprints
    book, counts = SlugBook(Article), {"articles": 0, "paragraphs": 0, "alignments": 0, "annotations": 0}
    quotas = [annotations // originals + (1 if i < annotations % originals else 0) for i in range(originals)]
    for start in range(0, originals, ORIGINALS_PER_BATCH):
        size = min(ORIGINALS_PER_BATCH, originals - start)
        share = reprints * (start + size) // originals - reprints * start // originals
        batch = ArticleBatch(rng, book, persons, orgs)
        for key, value in batch.write(quotas[start : start + size], share).items():
            counts[key] += value
        progress(
            f"{counts['articles']} articles, {counts['paragraphs']} paragraphs, {counts['annotations']} annotations"
        )
    return counts


def refresh_planner_statistics():
    """Run ANALYZE, as autovacuum would after a bulk load, so query plans see the new sizes."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def row_counts():
    """Return how many rows each table of the archive holds."""
    models = [Organization, Person, Role, Event, Article, Paragraph, Alignment, Annotation]
    return {model._meta.model_name: model.objects.count() for model in models}
