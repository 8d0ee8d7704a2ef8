"""Read-side assembly for people and organisations: careers, citations and JSON payloads.

Citations are the published annotations prefetched by ``public_citations`` (``.citations`` on a
role or event). They are used by attribute only, so this module never imports ``archive``.
"""

import datetime

from django.db.models import F

from .models import Organization, Role

CITATIONS_SHOWN = 5  # per role on the HTML page; "?all=1" and the JSON give every one
MENTIONS_SHOWN = 60
CHART_WIDTH = 640  # SVG user units of the career chart's time axis (labels take 320 more on the left)


def citation_url(annotation):
    """Return the link to a cited sentence: its paragraph, scrolled to, with the span highlighted."""
    paragraph = annotation.paragraph
    return f"{paragraph.article.get_absolute_url()}?hl={annotation.pk}#p-{paragraph.position}"


def citation_payload(annotation):
    paragraph = annotation.paragraph
    return {
        "article": paragraph.article.slug,
        "paragraph": paragraph.position,
        "quote": annotation.quote,
        "url": citation_url(annotation),
    }


def person_summary(person):
    """Return the list entry of a person: name, slug, aliases and page URL."""
    aliases = [alias.name for alias in person.aliases.all()]
    return {"name": person.name, "slug": person.slug, "aliases": aliases, "url": person.get_absolute_url()}


def organization_summary(organization):
    if organization is None:
        return None
    return {"name": organization.name, "slug": organization.slug, "url": organization.get_absolute_url()}


def role_payload(role):
    """Return a role for JSON: dates as EDTF strings, phrases as written, citations."""
    return {
        "title": role.title,
        "organization": organization_summary(role.organization),
        "person": role.person.slug,
        "place": role.place,
        "start": role.start_edtf,
        "end": role.end_edtf,
        "start_text": role.start_text,
        "end_text": role.end_text,
        "sequence": role.sequence,
        "current": role.current,
        "citations": [citation_payload(a) for a in role.citations],
    }


def event_payload(event):
    return {
        "title": event.title,
        "slug": event.slug,
        "category": event.category,
        "date": event.date_edtf,
        "date_text": event.date_text,
        "end": event.end_edtf,
        "end_text": event.end_text,
        "participants": [{"name": p.name, "slug": p.slug} for p in event.public_participants],
        "organizations": [{"name": o.name, "slug": o.slug} for o in event.public_organizations],
        "citations": [citation_payload(a) for a in event.citations],
    }


def person_events(person):
    """Return the public events a person took part in, by date, with citations."""
    return list(person.events.public().with_citations())


def limit_citations(roles, show_all=False):
    """Give each role ``shown_citations`` (the first few, or all) and ``more_citations`` (the rest's count)."""
    for role in roles:
        role.shown_citations = role.citations if show_all else role.citations[:CITATIONS_SHOWN]
        role.more_citations = len(role.citations) - len(role.shown_citations)
    return roles


def person_mentions(person, show_all=False):
    """Return the person's published mentions, grouped as [(article, [annotation, …])], originals first.

    Without show_all only the first MENTIONS_SHOWN mentions are grouped; a page for someone cited a
    thousand times stays quick to read and to serve.
    """
    mentions = (
        person.annotations.public()
        .select_related("paragraph__article")
        .order_by(
            F("paragraph__article__reprint_of").asc(nulls_first=True),
            "paragraph__article__published_lower",
            "paragraph__article",
            "paragraph__position",
            "start",
        )
    )
    if not show_all:
        mentions = mentions[:MENTIONS_SHOWN]
    groups = {}
    for annotation in mentions:
        groups.setdefault(annotation.paragraph.article, []).append(annotation)
    return list(groups.items())


def person_payload(person, events):
    return {
        "person": {**person_summary(person), "description": person.description, "pinyin": person.pinyin},
        "roles": [role_payload(role) for role in person.career],
        "events": [event_payload(event) for event in events],
    }


def organization_roles(organization):
    """Return the public roles held at an organisation, in succession order, with citations."""
    return list(Role.objects.public().filter(organization=organization).with_citations().succession())


def organization_units(organization):
    return list(Organization.objects.public().filter(parent=organization).prefetch_related("aliases"))


def _source_date(role):
    """Return the publication date of the first source citing a role, or None."""
    for annotation in role.citations if hasattr(role, "citations") else ():
        if annotation.paragraph.article.published_lower:
            return annotation.paragraph.article.published_lower
    return None


def _chart_span(role, following, today):
    """Return (lower, upper, shape) of a role on the chart, or None when it cannot be placed.

    shape is "bar" for stated ends, "open" for a fading bar whose end the sources do not give
    (drawn to the next dated step, or a year on), and "point" for a current post known only
    to be held at its source's date.
    """
    lower = role.start_lower or role.end_lower
    if lower is None:
        source_date = _source_date(role) if role.current else None
        return (source_date, source_date, "point") if source_date else None
    if role.end_upper:
        return lower, role.end_upper, "bar"
    if role.current:
        return lower, max(_source_date(role) or today, role.start_upper), "open"
    nexts = [d for d in following if d and d > role.start_upper]
    return lower, min(nexts) if nexts else role.start_upper + datetime.timedelta(days=365), "open"


def career_chart(roles, today=None):
    """Return the career as rows for a server-rendered SVG: placed steps and undated rows.

    Each placed row carries x and width in chart units; nothing is drawn more precisely than
    the bounds of the EDTF values (see ``_chart_span`` for open ends).
    """
    today = today or datetime.date.today()
    starts = [role.start_lower for role in roles]
    spans = [(role, _chart_span(role, starts[index + 1 :], today)) for index, role in enumerate(roles)]
    placed = [span for _, span in spans if span]
    if not placed:
        return {"rows": [], "years": [], "height": 0}
    first = min(lower for lower, _, _ in placed).year
    last = max(upper for _, upper, _ in placed).year + 1
    scale = CHART_WIDTH / max(last - first, 1)

    def x(day):
        return round((day.year - first + (day.timetuple().tm_yday - 1) / 366) * scale, 1)

    rows = []
    for index, (role, span) in enumerate(spans):
        row = {"role": role, "y": index * 28 + 24, "shape": span[2] if span else None}
        if span:
            left = x(span[0])
            row.update(x=left, width=max(x(span[1]) - left, 6), label_x=left - 12, since=span[0].year)
        rows.append(row)
    step = max(1, (last - first) // 8)
    years = [{"year": year, "x": round((year - first) * scale, 1)} for year in range(first, last + 1, step)]
    return {"rows": rows, "years": years, "height": len(rows) * 28 + 40}


def public_parent(organization):
    """Return the organisation's parent when it is public itself, else None."""
    if organization.parent_id is None:
        return None
    return Organization.objects.public().filter(pk=organization.parent_id).first()


def organization_payload(organization, context):
    return {
        "organization": {
            **organization_summary(organization),
            "aliases": [a.name for a in organization.aliases.all()],
            "kind": organization.kind,
        },
        "parent": organization_summary(context.get("parent")),
        "units": [organization_summary(unit) for unit in context["units"]],
        "roles": [
            role_payload(role) | {"person": person_summary_short(role.person)} for role in context["roles"]
        ],
        "events": [event_payload(event) for event in context["events"]],
    }


def person_summary_short(person):
    return {"name": person.name, "slug": person.slug, "url": person.get_absolute_url()}


def person_jsonld(person, url):
    """Return schema.org data for a person: a Person whose occupations are dated Role items."""
    roles = []
    for role in person.career:
        item = {
            "@type": "Role",
            "roleName": role.title,
            "hasOccupation": {"@type": "Occupation", "name": role.title},
        }
        item.update(
            {
                key: value
                for key, value in (("startDate", role.start_edtf), ("endDate", role.end_edtf))
                if value
            }
        )
        if role.organization_id:
            item["memberOf"] = {"@type": "Organization", "name": role.organization.name}
        roles.append(item)
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": person.name,
        "url": url,
        "hasOccupation": roles,
    }
    aliases = [alias.name for alias in person.aliases.all()]
    if aliases:
        data["alternateName"] = aliases
    if person.description:
        data["description"] = person.description
    return data
