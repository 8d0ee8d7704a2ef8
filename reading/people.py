"""A person's page as readers see it, built from a handful of prepared queries.

The career page runs the same queries for everyone (core/prepared.py compiles each once per
thread): the person with their mention count, aliases, public roles in career order, the first
public events, their public participants and organisations, and the first ranked citations of
each role and event and the first mentions (reading/evidence.py, read by rank). Nothing grows
with the evidence: a claim with eight thousand citations costs what one with eight costs. What
it shows of each is a light record (reading/rows.py), never a model instance. ``every=True``
(``?all=1``) shows every citation, event and mention.
"""

import functools
from types import SimpleNamespace

from django.db.models import Count, F, Window

from archive import public
from archive.models import Event
from core.prepared import prepared
from people.models import Alias, Organization, Person, Role

from . import careers, evidence
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

EVENTS_SHOWN = 30  # events on the HTML page, by date; the events list filtered by the person has all
EVERY = 2**31 - 1
DATES = ("start_text", "start_edtf", "start_lower", "start_upper", "end_text", "end_edtf", "end_lower")
ROLE_FIELDS = ("id", "title", "place", *DATES, "end_upper", "current", "sequence", "person_id")
EVENT_FIELDS = ("id", "title", "slug", "category", "description", "date_text", "date_edtf", "date_lower")
EVENT_FIELDS += ("date_upper", "end_text", "end_edtf", "end_lower", "end_upper")
ORGANIZATION = {f"org_{name}": F(f"organization__{name}") for name in ("name", "slug", "kind", "wikidata_id")}


@prepared(slug=str)
def _person(slug):
    fields = ("id", "name", "slug", "pinyin", "description", "wikidata_id")
    return public.people().filter(slug=slug).values(*fields, mentions=F("ranking__groups"))


@prepared(person=int)
def _aliases(person):
    return Alias.objects.filter(person_id=person).values("name", "kind")


@prepared(person=int)
def _career(person):
    roles = public.roles(Role.objects.career_order()).filter(person_id=person)
    return roles.values(*ROLE_FIELDS, "organization_id", **ORGANIZATION, **evidence.TOTALS)


def _events_of(person):
    return public.events(Event.objects.filter(participants=person))


@functools.cache
def _event_queries(limit):
    """Return the queries of a person's first limit events (a limit is SQL, not a parameter)."""

    def first(person):
        return _events_of(person).values("pk")[:limit]

    @prepared(person=int)
    def events(person):
        shown = _events_of(person).values(*EVENT_FIELDS, **evidence.TOTALS, total=Window(Count("id")))
        return shown[:limit]

    @prepared(person=int)
    def people(person):
        taking_part = Person.objects.filter(events__in=first(person))
        return public.people(taking_part).values("id", "name", "slug", event=F("events__id"))

    @prepared(person=int)
    def organizations(person):
        taking_part = Organization.objects.filter(events__in=first(person))
        return public.organizations(taking_part).values("id", "name", "slug", "kind", event=F("events__id"))

    @prepared(person=int, limit=int)
    def citations(person, limit):
        return evidence.ranked("event", limit, event__in=first(person))

    @prepared(person=int, limit=int)
    def in_order(person, limit):
        return evidence.ranked("event", limit, text=False, in_order=True, event__in=first(person))

    return SimpleNamespace(
        events=events, people=people, organizations=organizations, citations=citations, in_order=in_order
    )


@prepared(person=int, limit=int)
def _role_citations(person, limit):
    return evidence.ranked("role", limit, role__person_id=person)


@prepared(person=int, limit=int)
def _role_citations_in_order(person, limit):
    return evidence.ranked("role", limit, text=False, in_order=True, role__person_id=person)


@prepared(person=int, limit=int)
def _mentions(person, limit):
    return evidence.ranked("person", limit, text="preview", person_id=person)


def person_page(slug, every=False, ranked=True):
    """Return the public person with this slug, career and events attached, or None.

    ``person.career`` holds the public roles in career order, each with its organisation and
    citations; ``person.events`` the first public events (``person.event_count`` all of them)
    with participants, organisations and citations. With ranked (the HTML page) each role and
    event has its first citations ranked (``best``, ``others``, counts); without (the JSON),
    ``citations`` lists every one, originals first. every shows every citation and event.
    """
    person = record(next(iter(_person(slug=slug)), None), PersonRecord)
    if person is None:
        return None
    person.aliases = AliasList(Record(**row) for row in _aliases(person=person.id))
    person.career = _roles(person)
    queries = _event_queries(EVENTS_SHOWN if ranked and not every else EVERY)
    person.events = _person_events(person, queries)
    limit = careers.CITATIONS_SHOWN if ranked and not every else EVERY
    if ranked:
        evidence.attach(person.career, _role_citations(person=person.id, limit=limit))
        evidence.attach(person.events, queries.citations(person=person.id, limit=limit))
    else:
        evidence.attach(person.career, _role_citations_in_order(person=person.id, limit=limit))
        evidence.attach(person.events, queries.in_order(person=person.id, limit=limit))
    return person


def _roles(person):
    """Return the person's public roles, each with its organisation (public: a public role's is)."""
    roles = records(_career(person=person.id), RoleRecord, person=person)
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
    for row in queries.people(person=person.id):
        by_id[row.pop("event")].public_participants.append(record(row, PersonRecord))
    for row in queries.organizations(person=person.id):
        by_id[row.pop("event")].public_organizations.append(record(row, OrganizationRecord))
    return events


def mentions(person, every=False):
    """Return [(article, [mention, …])]: the person's first careers.MENTIONS_SHOWN mentions (all
    with every), originals first, each with the start of its paragraph (a 30-character preview)."""
    rows = _mentions(person=person.id, limit=EVERY if every else careers.MENTIONS_SHOWN)
    groups = {}
    for mention in citations(rows):
        groups.setdefault(mention.paragraph.article.id, (mention.paragraph.article, []))[1].append(mention)
    return list(groups.values())
