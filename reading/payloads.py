"""The public JSON contract in one place: every payload a public page answers with ``.json``.

Shapes follow DESIGN.md ("Public URLs"); dates are EDTF strings, and unknown dates are null (a
phrase as written stays a string, "" when the source gave none). Links are site-relative here;
``core.views.JSONMixin`` makes every ``url`` absolute for the request.
"""

from urllib.parse import urlencode

from django.urls import reverse


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


def more_citations(item, url):
    """Return how many sentences cite item and where to page through them, when it says (a page
    lists only the first ones); {} for a record that holds every citation."""
    count = getattr(item, "citation_count", None)
    return {} if count is None else {"citation_count": count, "citations_url": url}


def role_evidence_url(role):
    return reverse("reading:role-evidence-json", args=[role.person.slug, role.pk])


def role_summary(role):
    """Return a role without its citations: who held what, where and when."""
    return {
        "title": role.title,
        "organization": organization_summary(role.organization),
        "person": person_summary_short(role.person),
        "place": role.place,
        "start": role.start_edtf or None,
        "end": role.end_edtf or None,
        "start_text": role.start_text,
        "end_text": role.end_text,
        "sequence": role.sequence,
        "current": role.current,
        "citation_count": role.citation_count,
    }


def role_payload(role):
    """Return a role for JSON: dates as EDTF strings, phrases as written, citations."""
    return {
        "title": role.title,
        "organization": organization_summary(role.organization),
        "person": role.person.slug,
        "place": role.place,
        "start": role.start_edtf or None,
        "end": role.end_edtf or None,
        "start_text": role.start_text,
        "end_text": role.end_text,
        "sequence": role.sequence,
        "current": role.current,
        "citations": [citation_payload(a) for a in role.citations],
        **more_citations(role, role_evidence_url(role)),
    }


def event_payload(event):
    return {
        "title": event.title,
        "slug": event.slug,
        "category": event.category,
        "date": event.date_edtf or None,
        "date_text": event.date_text,
        "end": event.end_edtf or None,
        "end_text": event.end_text,
        "participants": [{"name": p.name, "slug": p.slug} for p in event.public_participants],
        "organizations": [{"name": o.name, "slug": o.slug} for o in event.public_organizations],
        "citations": [citation_payload(a) for a in event.citations],
        **more_citations(event, reverse("reading:event-detail-json", args=[event.slug])),
    }


def person_payload(person, events):
    """Return a career for JSON; a list that leaves events out says how many and where they are."""
    more = {}
    if getattr(person, "event_count", len(events)) > len(events):
        events_url = f"{reverse('reading:event-list-json')}?{urlencode({'person': person.slug})}"
        more = {"event_count": person.event_count, "events_url": events_url}
    return {
        "person": {**person_summary(person), "description": person.description, "pinyin": person.pinyin},
        "roles": [role_payload(role) for role in person.career],
        "events": [event_payload(event) for event in events],
        **more,
    }


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
    """Return schema.org data for a person page (reading/jsonld.py): Person with OrganizationRoles."""
    from .jsonld import person_jsonld as build

    return build(person, url)


def article_summary(article):
    original = article.reprint_of if article.reprint_of_id and article.reprint_of.is_published else None
    return {
        "title": article.title,
        "slug": article.slug,
        "outlet": article.outlet,
        "author": article.author,
        "published": article.published_edtf or None,
        "published_text": article.published_text,
        "reprint_of": original.slug if original else None,
        "url": article.get_absolute_url(),
        "source_url": article.url or None,
    }


def paragraph_payload(paragraph):
    original = paragraph.original
    aligned = (
        {"article": original.article.slug, "position": original.position, "similarity": paragraph.similarity}
        if original
        else None
    )
    annotations = [
        {"id": a.pk, "quote": a.quote, "start": a.start, "end": a.end, "target": a.target_kind}
        for a in paragraph.public_annotations
    ]
    return {
        "position": paragraph.position,
        "kind": paragraph.kind,
        "text": paragraph.text,
        "aligned_to": aligned,
        "annotations": annotations,
    }


def article_payload(article, paragraphs, reprints):
    return {
        "article": {**article_summary(article), "reprints": [copy.slug for copy in reprints]},
        "paragraphs": [paragraph_payload(p) for p in paragraphs],
    }


def search_payload(context):
    return {
        "query": context["query"],
        "people": [person_summary(p) for p in context["people"]],
        "organizations": [organization_summary(o) for o in context["organizations"]],
        "paragraphs": [
            {
                "article": p.article.slug,
                "position": p.position,
                "text": p.text,
                "url": f"{p.article.get_absolute_url()}#p-{p.position}",
            }
            for p in context["paragraphs"]
        ],
    }
