"""A person's page as readers see it, built from a handful of prepared queries.

The career page runs the same queries for everyone (core/prepared.py compiles each once per
thread): the person with their mention count, aliases, public roles in career order, the first
public events, their public participants and organisations, and the first ranked citations of
each role and event and the first mentions (reading/evidence.py, read by rank). Nothing grows
with the evidence: a claim with eight thousand citations costs what one with eight costs. What
it shows of each is a light record (reading/rows.py), never a model instance. What a page leaves
out is a page away: a role's evidence (``role_page``) and a person's mentions (``mentions_page``)
page through them all, by rank.
"""

import functools
from types import SimpleNamespace

from django.core.paginator import Paginator
from django.db.models import Count, F, Window

from archive.models import Event
from core.prepared import Ids, prepared
from people.models import Alias, Organization, Person, Role

from . import careers, evidence, ranking
from .rows import (
    AliasList,
    EventRecord,
    OrganizationRecord,
    PersonRecord,
    Record,
    RoleRecord,
    citations,
    record,
    records,
    split,
)

EVENTS_SHOWN = 10  # events on the HTML page, by date; the events list filtered by the person has all
EVENT_CITATIONS = 1  # sentences per event on the HTML page; the event's own page has them all
JSON_EVENTS = 50  # events in the person's JSON; /events.json?person= pages through all
JSON_CITATIONS = 10  # citations per role or event in the JSON; their own JSON pages through all
PAGE_SIZE = 50  # sentences per page of a role's evidence and of a person's mentions
DATES = ("start_text", "start_edtf", "start_lower", "start_upper", "end_text", "end_edtf", "end_lower")
ROLE_FIELDS = ("id", "title", "place", *DATES, "end_upper", "current", "sequence", "person_id")
EVENT_FIELDS = ("id", "title", "slug", "category", "description", "date_text", "date_edtf", "date_lower")
EVENT_FIELDS += ("date_upper", "end_text", "end_edtf", "end_lower", "end_upper")
ORGANIZATION = {f"org_{name}": F(f"organization__{name}") for name in ("name", "slug", "kind", "wikidata_id")}


@prepared(slug=str)
def _person(slug):
    fields = ("id", "name", "slug", "pinyin", "description", "wikidata_id")
    return ranking.public_people(Person.objects.filter(slug=slug)).values(
        *fields, mentions=F("ranking__groups")
    )


@prepared(person=int)
def _aliases(person):
    return Alias.objects.filter(person_id=person).values("name", "kind")


@prepared(person=int)
def _career(person):
    roles = ranking.ranked_claims(Role.objects.career_order()).filter(person_id=person)
    return roles.values(*ROLE_FIELDS, "organization_id", **ORGANIZATION, **evidence.TOTALS)


def _events_of(person):
    return ranking.ranked_claims(Event.objects.filter(participants=person))


@functools.cache
def _event_queries(limit):
    """Return the queries of a person's first limit events (a limit is SQL, not a parameter):
    the events are chosen once, and the queries of what they show take their ids."""

    @prepared(person=int)
    def events(person):
        shown = _events_of(person).values(*EVENT_FIELDS, **evidence.TOTALS, total=Window(Count("id")))
        return shown[:limit]

    @prepared(events=Ids(limit))
    def people(events):
        taking_part = Person.objects.filter(events__in=events)
        return ranking.public_people(taking_part).values("id", "name", "slug", event=F("events__id"))

    @prepared(events=Ids(limit))
    def organizations(events):
        taking_part = Organization.objects.filter(events__in=events)
        return ranking.public_organizations(taking_part).values(
            "id", "name", "slug", "kind", event=F("events__id")
        )

    @prepared(events=Ids(limit), limit=int)
    def citations(events, limit):
        return evidence.ranked("event", limit, event__in=events)

    @prepared(events=Ids(limit), limit=int)
    def in_order(events, limit):
        return evidence.ranked("event", limit, text=False, by="seq", event__in=events)

    return SimpleNamespace(
        events=events, people=people, organizations=organizations, citations=citations, in_order=in_order
    )


@prepared(person=int, limit=int)
def _role_citations(person, limit):
    return evidence.ranked("role", limit, role__person_id=person)


@prepared(person=int, limit=int)
def _role_citations_in_order(person, limit):
    return evidence.ranked("role", limit, text=False, by="seq", role__person_id=person)


def person_page(slug, json=False):
    """Return the public person with this slug, career and events attached, or None.

    ``person.career`` holds the public roles in career order, each with its organisation and
    citations; ``person.events`` the first public events (``person.event_count`` counts them
    all) with participants, organisations and citations. For the HTML page each role and event
    has its first citations ranked (``best``, ``others``, counts: careers.CITATIONS_SHOWN and
    EVENT_CITATIONS); for the JSON (json=True) ``citations`` lists the first JSON_CITATIONS in
    originals-first order, and ``citation_count`` counts them all.
    """
    person = record(next(iter(_person(slug=slug)), None), PersonRecord)
    if person is None:
        return None
    person.aliases = AliasList(Record(**row) for row in _aliases(person=person.id))
    person.career = _roles(person)
    queries = _event_queries(JSON_EVENTS if json else EVENTS_SHOWN)
    person.events = _person_events(person, queries)
    chosen = [event.id for event in person.events]
    if json:
        evidence.attach(person.career, _role_citations_in_order(person=person.id, limit=JSON_CITATIONS))
        evidence.attach(person.events, queries.in_order(events=chosen, limit=JSON_CITATIONS))
    else:
        evidence.attach(person.career, _role_citations(person=person.id, limit=careers.CITATIONS_SHOWN))
        evidence.attach(person.events, queries.citations(events=chosen, limit=EVENT_CITATIONS))
    return person


def _roles(person):
    """Return the person's public roles, each with its organisation (public: a public role's is)."""
    return _with_organizations(records(_career(person=person.id), RoleRecord, person=person))


def _with_organizations(roles):
    for role in roles:
        organization = split(role.__dict__, "org_")
        organization = {"id": role.organization_id, **organization} if role.organization_id else None
        role.organization = record(organization, OrganizationRecord)
    return roles


def _person_events(person, queries):
    events = records(queries.events(person=person.id), EventRecord)
    person.event_count = events[0].total if events else 0
    by_id = {event.id: event for event in events}
    for event in events:
        event.public_participants, event.public_organizations = [], []
    chosen = list(by_id)
    for found in records(queries.people(events=chosen), PersonRecord):
        by_id[found.__dict__.pop("event")].public_participants.append(found)
    for found in records(queries.organizations(events=chosen), OrganizationRecord):
        by_id[found.__dict__.pop("event")].public_organizations.append(found)
    return events


def mentions(person):
    """Return the person's first careers.MENTIONS_SHOWN mentions, grouped (see _grouped)."""
    return _grouped(_mentions(person=person.id, after=0, upto=careers.MENTIONS_SHOWN))


def _grouped(rows):
    """Return mentions as [(article, [mention, …])], originals first, each with the start of its
    paragraph (a 30-character preview)."""
    groups = {}
    for mention in citations(rows):
        groups.setdefault(mention.paragraph.article.id, (mention.paragraph.article, []))[1].append(mention)
    return list(groups.values())


@prepared(person=int, after=int, upto=int)
def _mentions(person, after, upto):
    return evidence.ranked("person", upto, text="preview", person_id=person, rank__gt=after)


def mentions_page(slug, number):
    """Return (person, page, [(article, [mention, …])]) of a page of a person's mentions, or None.

    page is a Django paginator page (PAGE_SIZE mentions, originals first); a page number out of
    range raises django.core.paginator.InvalidPage.
    """
    person = record(next(iter(_person(slug=slug)), None), PersonRecord)
    if person is None:
        return None
    page = Paginator(range(person.mentions or 0), PAGE_SIZE, allow_empty_first_page=True).page(number)
    lower = page.start_index() - 1 if page.object_list else 0
    rows = _mentions(person=person.id, after=lower, upto=lower + PAGE_SIZE)
    return person, page, _grouped(rows)


@prepared(slug=str, role=int)
def _role(slug, role):
    roles = ranking.ranked_claims(Role.objects.filter(pk=role, person__slug=slug))
    person = {f"person_{name}": F(f"person__{name}") for name in ("name", "slug")}
    return roles.values(*ROLE_FIELDS, "organization_id", **ORGANIZATION, **evidence.TOTALS, **person)


@prepared(role=int, after=int, upto=int)
def _role_page(role, after, upto):
    return evidence.ranked("role", upto, role_id=role, rank__gt=after)


def role_page(slug, role_id, number):
    """Return (role, page) of a page of a public role's evidence, ranked, or None.

    role carries its person and organisation and, as a role on the career page does, ``best``,
    ``others`` and the counts, here for the PAGE_SIZE sentences of page (a Django paginator page;
    a number out of range raises django.core.paginator.InvalidPage).
    """
    row = next(iter(_role(slug=slug, role=role_id)), None)
    if row is None:
        return None
    person = record(split(row, "person_"), PersonRecord)  # person_id, _name, _slug
    (role,) = _with_organizations(records([row], RoleRecord, person=person, person_id=person.id))
    page = Paginator(range(role.groups), PAGE_SIZE, allow_empty_first_page=True).page(number)
    lower = page.start_index() - 1 if page.object_list else 0
    evidence.attach([role], _role_page(role=role.id, after=lower, upto=lower + PAGE_SIZE))
    role.first_rank = lower + 1
    return role, page
