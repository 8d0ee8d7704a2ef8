"""Careers and organisations as readers see them: citations shown, mentions, the career chart.

Citations are the public evidence prefetched by ``archive.public.citations`` (``.citations`` on
a role or an event).
"""

import datetime

from archive import public

CITATIONS_SHOWN = 5  # per role on the HTML page; "?all=1" and the JSON give every one
MENTIONS_SHOWN = 60
CHART_WIDTH = 640  # SVG user units of the career chart's time axis (labels take 320 more on the left)


def person_events(person):
    """Return the public events a person took part in, by date, with citations."""
    return list(public.events_with_citations(person.events.all()))


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
    mentions = public.mentions(person)
    if not show_all:
        mentions = mentions[:MENTIONS_SHOWN]
    groups = {}
    for annotation in mentions:
        groups.setdefault(annotation.paragraph.article, []).append(annotation)
    return list(groups.items())


def organization_roles(organization):
    """Return the public roles held at an organisation, in succession order, with citations."""
    return list(public.roles_with_citations().filter(organization=organization).succession())


def organization_units(organization):
    return list(public.organizations().filter(parent=organization).prefetch_related("aliases"))


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
    return public.organizations().filter(pk=organization.parent_id).first()
