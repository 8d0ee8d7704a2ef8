"""What the public may see: the one rule every public page, JSON answer and export follows.

Evidence is public when it is published, on a published article, still anchored (not orphaned)
and on a paragraph that counts as evidence (body or heading: captions, duplicates and
boilerplate repeat the body). A person, organisation, role or event is public when public
evidence cites it, directly or through a public role or event. The authority records in
``people`` know nothing of this; the rule lives here, beside the evidence it reads.
"""

from django.db.models import Exists, OuterRef, Prefetch, Q

from people.models import Organization, Person, Role

from .models import Annotation, Article, Event, originals_first
from .models.annotations import evidence_condition, public_condition


def evidence():
    """Return the public evidence: every public claim is backed by one of these annotations."""
    return Annotation.objects.evidence()


def evidence_along(path):
    """Return the condition of public evidence for a query reaching annotations along path
    ("annotation__"): the rule of evidence() without a subquery."""
    return evidence_condition(path)


def public_along(path):
    """Return the condition of public annotations (mentions included) along path."""
    return public_condition(path)


def _cited(*paths):
    """Return a condition true for rows public evidence cites along any of paths.

    One EXISTS per path from the annotation to the row ("person", "role__person"…): each is an
    index lookup for the row at hand, where one subquery joining every path multiplies the rows
    of each and grows with the whole archive.
    """
    condition = Q()
    for path in paths:
        target, _, rest = path.partition("__")
        cited = evidence()
        if rest:
            # Start from the outer row's related rows (an index on their foreign key), then look
            # for evidence of each: left to itself, SQLite scans every published annotation.
            related = Annotation._meta.get_field(target).related_model
            cited = related._default_manager.filter(
                Exists(cited.filter(**{target: OuterRef("pk")})), **{rest: OuterRef("pk")}
            )
        else:
            cited = cited.filter(**{target: OuterRef("pk")})
        condition |= Exists(cited)
    return condition


def articles():
    return Article.objects.public()


def people(queryset=None):
    """Return people public evidence cites: a mention, or a citation of one of their roles."""
    return (queryset if queryset is not None else Person.objects.all()).filter(
        _cited("person", "role__person")
    )


def organizations(queryset=None):
    """Return organisations cited, holding a public role, or taking part in a public event."""
    return (queryset if queryset is not None else Organization.objects.all()).filter(
        _cited("organization", "role__organization", "event__organizations")
    )


def roles(queryset=None):
    """Return roles backed by at least one piece of public evidence."""
    return (queryset if queryset is not None else Role.objects.all()).filter(_cited("role"))


def events(queryset=None):
    """Return events backed by at least one piece of public evidence."""
    return (queryset if queryset is not None else Event.objects.all()).filter(_cited("event"))


def citations(to_attr="citations"):
    """Return a Prefetch of a role's or event's public evidence, originals first (``.citations``)."""
    queryset = evidence().select_related("paragraph__article").order_by(*originals_first("paragraph__"))
    return Prefetch("annotations", queryset=queryset, to_attr=to_attr)


def roles_with_citations(queryset=None):
    """Return public roles with person and organisation selected and their citations prefetched."""
    return roles(queryset).select_related("person", "organization").prefetch_related(citations())


def events_with_citations(queryset=None, with_citations=True):
    """Return public events with citations and their public participants and organisations."""
    return events(queryset).prefetch_related(
        *([citations()] if with_citations else []),
        Prefetch("participants", queryset=people(), to_attr="public_participants"),
        Prefetch("organizations", queryset=organizations(), to_attr="public_organizations"),
    )


def with_career(queryset, with_citations=True):
    """Prefetch aliases and the public roles in career order (``person.career``)."""
    career = Role.objects.career_order()
    career = roles_with_citations(career) if with_citations else roles(career).select_related("organization")
    return queryset.prefetch_related("aliases", Prefetch("roles", queryset=career, to_attr="career"))


def mentions(person):
    """Return a person's public mentions, originals first."""
    return (
        Annotation.objects.public()
        .filter(person=person)
        .select_related("paragraph__article")
        .order_by(*originals_first("paragraph__"))
    )
