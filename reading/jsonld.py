"""schema.org JSON-LD for the public pages: Person, Organization, Event and Article.

Dates are ISO 8601 only: an EDTF value precise to a year, month or day (``2002``, ``2002-10``,
``2002-10-31``) is already ISO and is emitted as it is; an uncertain, approximate or interval
value (``1999~``, ``2003?``, ``1999/2002``) says nothing ISO can, and is left out. Roles follow
schema.org's Role pattern: ``worksFor`` (a company or business unit) or ``memberOf`` (another
body, e.g. 十八罗汉) holds an ``OrganizationRole`` whose same property holds the Organization.
Every node has an ``@id`` (its public page with ``#person``, ``#organization``…), ``sameAs`` the
Wikidata item when known, and citing articles as ``subjectOf``.
"""

import re
from urllib.parse import urljoin

ISO_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
WIKIDATA = "https://www.wikidata.org/entity/"
EMPLOYERS = {"company", "unit"}


def iso_date(edtf):
    """Return the EDTF value as an ISO 8601 date when it is one (year, month or day), else None."""
    return edtf if edtf and ISO_DATE.match(edtf) else None


def dated(data, **dates):
    data.update({key: iso for key, value in dates.items() if (iso := iso_date(value))})
    return data


def same_as(record):
    return {"sameAs": WIKIDATA + record.wikidata_id} if getattr(record, "wikidata_id", "") else {}


class Graph:
    """Build nodes whose ``@id`` and ``url`` are absolute: ``absolute(path)`` gives the IRI."""

    def __init__(self, absolute):
        self.absolute = absolute

    def ref(self, record, kind):
        return self.absolute(record.get_absolute_url()) + f"#{kind}"

    def organization(self, organization, full=False):
        node = {
            "@type": "Organization",
            "@id": self.ref(organization, "organization"),
            "name": organization.name,
        }
        if full:
            node["url"] = self.absolute(organization.get_absolute_url())
            node.update(same_as(organization))
        return node

    def person_ref(self, person):
        return {"@type": "Person", "@id": self.ref(person, "person"), "name": person.name}

    def article_ref(self, article):
        return {"@type": "Article", "@id": self.ref(article, "article"), "name": article.title}

    def cited_in(self, annotations):
        articles = {a.paragraph.article_id: a.paragraph.article for a in annotations}
        return [self.article_ref(article) for article in articles.values()]

    def role(self, role, holder_property):
        node = dated(
            {"@type": "OrganizationRole", "roleName": role.title},
            startDate=role.start_edtf,
            endDate=role.end_edtf,
        )
        node[holder_property] = self.organization(role.organization)
        return node

    def person(self, person):
        works, member = [], []
        citations = []
        for role in person.career:
            citations += getattr(role, "citations", [])
            if role.organization_id:
                prop = "worksFor" if role.organization.kind in EMPLOYERS else "memberOf"
                (works if prop == "worksFor" else member).append(self.role(role, prop))
        node = {
            "@context": "https://schema.org",
            **self.person_ref(person),
            "url": self.absolute(person.get_absolute_url()),
            **same_as(person),
        }
        aliases = [alias.name for alias in person.aliases.all()]
        optional = {"alternateName": aliases, "description": person.description, "worksFor": works}
        optional.update(memberOf=member, subjectOf=self.cited_in(citations))
        return node | {key: value for key, value in optional.items() if value}

    def organization_page(self, organization, parent, units, roles):
        node = {"@context": "https://schema.org", **self.organization(organization, full=True)}
        aliases = [alias.name for alias in organization.aliases.all()]
        members = []
        for role in roles:
            item = dated(
                {"@type": "OrganizationRole", "roleName": role.title},
                startDate=role.start_edtf,
                endDate=role.end_edtf,
            )
            members.append(item | {"member": self.person_ref(role.person)})
        optional = {
            "alternateName": aliases,
            "description": organization.description,
            "parentOrganization": self.organization(parent) if parent else None,
            "subOrganization": [self.organization(unit) for unit in units],
            "member": members,
        }
        return node | {key: value for key, value in optional.items() if value}

    def event(self, event):
        node = dated(
            {
                "@context": "https://schema.org",
                "@type": "Event",
                "@id": self.ref(event, "event"),
                "name": event.title,
                "url": self.absolute(event.get_absolute_url()),
            },
            startDate=event.date_edtf,
            endDate=event.end_edtf,
        )
        attendees = [self.person_ref(p) for p in getattr(event, "public_participants", [])]
        attendees += [self.organization(o) for o in getattr(event, "public_organizations", [])]
        optional = {"attendee": attendees, "subjectOf": self.cited_in(getattr(event, "citations", []))}
        return node | {key: value for key, value in optional.items() if value}

    def article(self, article, original=None):
        node = dated(
            {
                "@context": "https://schema.org",
                **self.article_ref(article),
                "headline": article.title[:110],
                "url": self.absolute(article.get_absolute_url()),
                "inLanguage": "zh",
            },
            datePublished=article.published_edtf,
        )
        optional = {
            "author": {"@type": "Person", "name": article.author} if article.author else None,
            "publisher": {"@type": "Organization", "name": article.outlet} if article.outlet else None,
            "sameAs": article.url,
            "isBasedOn": self.article_ref(original) if original else None,
        }
        return node | {key: value for key, value in optional.items() if value}


def person_jsonld(person, url):
    """Return the Person node of a person page whose absolute URL is url."""
    return Graph(lambda path: urljoin(url, path)).person(person)


def page_jsonld(context):
    """Return the JSON-LD of a public detail page from its template context, or None."""
    request, record = context.get("request"), context.get("object")
    if request is None or record is None:
        return None
    graph = Graph(request.build_absolute_uri)
    label = record._meta.label
    if label == "people.Organization":
        return graph.organization_page(
            record, context.get("parent"), context.get("units", []), context.get("roles", [])
        )
    if label == "archive.Event":
        return graph.event(record)
    if label == "archive.Article":
        return graph.article(record, context.get("original"))
    if label == "people.Person":
        return graph.person(record)
    return None
