"""Careers and organisations as readers see them: citations shown, mentions, the career chart.

Citations are the public evidence prefetched by ``archive.public.citations`` (``.citations`` on
a role or an event).
"""

import re
from itertools import pairwise

from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce

from archive import public
from people.models import Organization, Role
from textkit import claims

from .rows import Group

CITATIONS_SHOWN = 5  # sentences per role on the HTML page; "?all=1" and the JSON give every one
MENTIONS_SHOWN = 30
CHART_WIDTH = 600  # SVG user units of the career chart's time axis (labels take 320 more on the left)
GAP_YEARS = 3  # an empty stretch of the axis this long or longer is cut by a break
BREAK_UNITS = 0.8  # the width of a break, in years of the axis
LANE_HEAD, ROW = 22, 26


def person_events(person, with_citations=True):
    """Return the public events a person took part in, by date, with citations unless told not to."""
    return list(public.events_with_citations(person.events.all(), with_citations=with_citations))


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


def organization_roles(organization, with_citations=True):
    """Return the public roles held at an organisation, in succession order, with citations
    unless told not to."""
    roles = (
        public.roles_with_citations()
        if with_citations
        else public.roles().select_related("person", "organization")
    )
    return list(roles.filter(organization=organization).succession())


def organization_list():
    """Return the public organisations with their parent and aliases, and their public roles counted.

    ``parent_is_public`` says whether the parent may be named: a parent nobody cites is not.
    """
    roles = public.roles(Role.objects.filter(organization=OuterRef("pk"))).order_by().values("organization")
    parent = public.organizations(Organization.objects.filter(pk=OuterRef("parent")))
    return (
        public.organizations()
        .select_related("parent")
        .prefetch_related("aliases")
        .annotate(
            role_count=Coalesce(Subquery(roles.annotate(n=Count("pk")).values("n")), 0),
            parent_is_public=Exists(parent),
        )
        .order_by("pinyin", "name")
    )


def organization_units(organization):
    return list(public.organizations().filter(parent=organization).prefetch_related("aliases"))


def states(annotation, title):
    """Return a score > 0 when a cited sentence states the claim: its title, a role verb, a date."""
    return claims.states(annotation.quote, title)


def rank_citations(citations, title):
    """Return citations as groups (rows.Group), stating sentences first.

    A reprint's copy of a sentence already cited from its original (same words, punctuation
    aside) is folded under it as a copy; mention-only sentences come last.
    """
    groups, by_words = [], {}
    for annotation in citations:
        words = claims.words(annotation.quote)
        group = by_words.get(words)
        if group and annotation.paragraph.article.reprint_of_id:
            group.copies.append(annotation)
            continue
        group = Group(annotation, [], states(annotation, title))
        by_words.setdefault(words, group)
        groups.append(group)
    return sorted(groups, key=lambda group: -group.states)


def rank_evidence(items, show_all=False):
    """Give each role or event ``groups`` (shown), ``best``, ``others``, counts of the rest and copies."""
    for item in items:
        groups = rank_citations(item.citations, getattr(item, "title", ""))
        shown = groups if show_all else groups[:CITATIONS_SHOWN]
        item.best = shown[0] if shown else None
        item.others = shown[1:]
        item.more_citations = len(groups) - len(shown)
        item.copy_count = sum(len(group.copies) for group in groups)
        item.citation_count = len(item.citations)
    return items


def _source_year(role):
    """Return the latest publication date of the sources citing a role, as a year fraction, or None."""
    if hasattr(role, "latest_source"):  # bounded citations (reading/evidence.py) bring it from SQL
        return _year(role.latest_source) if role.latest_source else None
    dates = [a.paragraph.article.published_lower for a in getattr(role, "citations", ())]
    dates = [day for day in dates if day]
    return _year(max(dates)) if dates else None


def _year(day):
    return day.year + (day.timetuple().tm_yday - 1) / 366


def _dated_span(role, later, lane):
    """Return (lower, upper, shape) in years for what the sources date, or None for an undated step.

    shape: "bar" (both ends stated), "open" (no stated end: fades until the next dated post in
    the same organisation, or the source's date), "open-start" (only the end stated), "point"
    (a current post known only at its source's date).
    """
    if role.start_lower and role.end_upper:
        return _year(role.start_lower), _year(role.end_upper), "bar"
    if role.start_lower:
        lower = _year(role.start_lower)
        nexts = [
            _year(r.start_lower)
            for r in later
            if lane(r)[0] == lane(role)[0] and r.start_lower and _year(r.start_lower) > lower
        ]
        upper = min(nexts) if nexts else (_source_year(role) or lower + 1)
        return lower, max(upper, _year(role.start_upper) + 0.25), "open"
    if role.end_upper:
        return _year(role.end_lower) - 1, _year(role.end_upper), "open-start"
    source = _source_year(role)
    return (source, source, "point") if role.current and source else None


def _place_undated(spans, roles):
    """Place undated steps between their dated neighbours in career order, as dashed spans."""
    last_source = max((y for y in map(_source_year, roles) if y), default=None)
    placed = list(spans)
    for index, span in enumerate(spans):
        if span is not None:
            continue
        before = next((s[0] for s in reversed(spans[:index]) if s), None)
        after = next((s[0] for s in spans[index + 1 :] if s), last_source)
        if before is None and after is None:
            continue
        lower = before if before is not None else after - 1
        upper = after if after is not None and after > lower else lower + 1
        placed[index] = (lower, upper, "dashed")
    return placed


def _occupied_years(spans):
    """Return the years the axis must show: dated bars, points, and both ends of open spans."""
    years = set()
    for lower, upper, shape in filter(None, spans):
        if shape == "bar":
            years.update(range(int(lower), int(upper) + 1))
        elif shape != "dashed":
            years.update({int(lower), int(upper)})
    return sorted(years)


def _axis(years):
    """Return axis pieces [(first, last + 1)] with a break across every gap of GAP_YEARS or more."""
    pieces = []
    for year in years:
        if pieces and year - pieces[-1][1] < GAP_YEARS:
            pieces[-1][1] = year + 1
        else:
            pieces.append([year, year + 1])
    return [tuple(piece) for piece in pieces]


def _scale(pieces):
    """Return x(year) mapping the broken axis onto CHART_WIDTH units, and the breaks' x ranges.

    x is piecewise linear through knots at each piece's ends; a gap between pieces is squeezed
    into BREAK_UNITS.
    """
    unit = CHART_WIDTH / (sum(b - a for a, b in pieces) + BREAK_UNITS * (len(pieces) - 1))
    knots, at = [], 0.0
    for a, b in pieces:
        knots += [(a, at), (b, at + (b - a) * unit)]
        at += (b - a + BREAK_UNITS) * unit
    breaks = [
        {"x": round(x0, 1), "width": round(x1 - x0, 1), "first": y0, "last": y1 - 1}
        for (y0, x0), (y1, x1) in zip(knots[1:-1:2], knots[2::2])
    ]

    def x(year):
        for (y0, x0), (y1, x1) in pairwise(knots):
            if year <= y1:
                return round(x0 + (max(year, y0) - y0) / ((y1 - y0) or 1) * (x1 - x0), 1)
        return round(knots[-1][1], 1)

    return x, breaks


def _ticks(pieces, x):
    ticks = []
    for a, b in pieces:
        step = max(1, (b - a) // 6)
        ticks += [{"year": year, "x": x(year)} for year in range(a, b, step)]
    return ticks


def by_organization(role):
    return role.organization_id, role.organization.name if role.organization_id else ""


def by_person(role):
    return role.person_id, role.person.name


def _lanes(roles, spans, x, lane):
    """Return one lane per key of lane(role) (in order of first appearance), each with its role rows."""
    lanes, y = {}, 8
    for role, span in zip(roles, spans):
        key, label = lane(role)
        lanes.setdefault(key, {"label": label, "pairs": []})["pairs"].append((role, span))
    for lane in lanes.values():
        lane["y"] = y
        y += LANE_HEAD
        lane["rows"] = []
        for role, span in lane.pop("pairs"):
            lane["rows"].append(_row(role, span, x, y))
            y += ROW
        lane["height"] = y - lane["y"]
        y += 6
    return list(lanes.values()), y


def _row(role, span, x, y):
    row = {"role": role, "y": y, "shape": span[2] if span else None}
    if span:
        left = x(span[0])
        row.update(x=left, width=max(x(span[1]) - left, 6), cx=left, cy=y + 9)
    return row


def career_chart(roles, lane=by_organization):
    """Return the career as lanes for a server-rendered SVG (see _dated_span for the shapes).

    The axis breaks across long empty spans; undated steps stand between their dated neighbours;
    nothing is drawn more precisely than the bounds of the EDTF values.
    """
    roles = list(roles)
    spans = [_dated_span(role, roles[i + 1 :], lane) for i, role in enumerate(roles)]
    spans = _place_undated(spans, roles)
    years = _occupied_years(spans)
    if not years:
        return {"lanes": [], "height": 0}
    pieces = _axis(years)
    x, breaks = _scale(pieces)
    lanes, height = _lanes(roles, spans, x, lane)
    return {"lanes": lanes, "ticks": _ticks(pieces, x), "breaks": breaks, "height": height + 28}


# Seniority of a title, most senior first: a card shows a person's most senior post.
TITLE_RANKS = [
    (re.compile(r"副"), 2),
    (re.compile(r"创始人|创办人|董事长|CEO|首席执行官|总裁|主席"), 0),
    (re.compile(r"C[OTF]O|首席.{1,4}官|合伙人"), 1),
    (re.compile(r"总经理"), 3),
    (re.compile(r"总监"), 4),
    (re.compile(r"经理|主管|负责人"), 5),
    (re.compile(r"成员|员工|销售|班主任"), 7),
]
# Titles that name the same post, for a succession per post at an organisation.
TITLE_SYNONYMS = {"首席执行官": "CEO", "行政总裁": "CEO", "总裁": "总裁", "首席运营官": "COO"}


def title_rank(title):
    """Return a seniority rank for a title (0 most senior): 创始人/董事长/CEO > 副总裁 > 总经理 > 总监 > 经理."""
    return next((rank for pattern, rank in TITLE_RANKS if pattern.search(title or "")), 6)


def headline_role(career):
    """Return a person's most senior role, a current one first among equals, else None."""
    ranked = sorted(
        enumerate(career), key=lambda pair: (title_rank(pair[1].title), not pair[1].current, -pair[0])
    )
    return ranked[0][1] if ranked else None


def post_name(title):
    """Return the post a title names, for grouping: 联席总经理 and 总经理 stay apart, 首席执行官 is CEO."""
    title = claims.words(title)
    return TITLE_SYNONYMS.get(title, title)


def successions(roles):
    """Return [(post, [role, …])]: who held each post in turn, the most senior posts first."""
    posts = {}
    for role in roles:
        posts.setdefault(post_name(role.title), []).append(role)
    return sorted(posts.items(), key=lambda item: (title_rank(item[0]), -len(item[1]), item[0]))


def public_parent(organization):
    """Return the organisation's parent when it is public itself, else None."""
    if organization.parent_id is None:
        return None
    return public.organizations().filter(pk=organization.parent_id).first()
