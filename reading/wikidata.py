"""A person's public career as Wikidata QuickStatements (v1, tab-separated), one line per role.

What Wikidata practice asks (Property talk:P39, Help:Dates, Help:Sources) and what we decided:

- ``P39`` position held takes an *item* for the position. Our titles are free text, so a
  position item comes from the caller (``positions``: title → Q-id, ``--position`` on the
  command); a role without one, or a person without a Wikidata id, is skipped and reported.
- ``P642`` "of" is deprecated (2023–24 migration) and never emitted: the organisation goes in
  the ``P108`` employer qualifier, when it has a Wikidata id.
- ``P580``/``P582`` at the precision the EDTF value supports: day ``/11``, month ``/10``, year
  ``/9``; an approximate or uncertain value (``2003-09~``, ``1999?``) one step coarser (so
  ``1999~`` is the 1990s, ``/8``); intervals and unknown dates are left out.
- ``P1365``/``P1366`` replaces / replaced by: the holder before and after at the same
  organisation and title (career order by start), when they have a Wikidata id.
- One reference per statement, from the first (original) citation: ``S854`` reference URL (the
  article's source URL, else its page here), ``S1683`` quotation (the cited sentence, ``zh``),
  ``S813`` retrieved (today). ``S248`` "stated in" needs an item for the article: not emitted.

Only public roles backed by published evidence are written (``archive.public``).
"""

import datetime
import re

from archive import public
from people.models import Role

EDTF = re.compile(r"^(\d{4})(?:-(\d\d))?(?:-(\d\d))?([~?%])?$")
SENTENCE_END = "。！？!?"


def wikidata_time(edtf):
    """Return the QuickStatements time value of an EDTF date, or None when it has no single value."""
    match = EDTF.match(edtf or "")
    if not match:
        return None
    year, month, day, fuzzy = match.groups()
    precision = 11 if day else 10 if month else 9
    if fuzzy:
        precision -= 1
    if precision == 8:
        return f"+{year[:3]}0-00-00T00:00:00Z/8"
    month = month if precision >= 10 else "00"
    day = day if precision == 11 else "00"
    return f"+{year}-{month}-{day}T00:00:00Z/{precision}"


def sentence(text, start, end):
    """Return the sentence of text around start..end (to the nearest 。！？ on either side)."""
    lower = max((text.rfind(mark, 0, start) for mark in SENTENCE_END), default=-1) + 1
    ends = [i for mark in SENTENCE_END if (i := text.find(mark, end)) >= 0]
    return text[lower : (min(ends) + 1 if ends else len(text))].strip()


def string(value):
    return '"' + value.replace('"', "'").replace("\t", " ").replace("\n", " ") + '"'


def neighbours(role):
    """Return (previous, next) public roles at the role's organisation with its title, by start."""
    same = list(
        public.roles(Role.objects.filter(organization=role.organization_id, title=role.title))
        .select_related("person")
        .order_by("start_lower", "pk")
    )
    at = next(i for i, other in enumerate(same) if other.pk == role.pk)
    return (same[at - 1] if at > 0 else None), (same[at + 1] if at + 1 < len(same) else None)


def reference(role, absolute, today):
    citation = role.citations[0]
    paragraph = citation.paragraph
    url = paragraph.article.url or absolute(f"{paragraph.article.get_absolute_url()}#p-{paragraph.position}")
    quote = sentence(paragraph.text, citation.start, citation.end)
    return ["S854", string(url), "S1683", f"zh:{string(quote)}", "S813", f"+{today.isoformat()}T00:00:00Z/11"]


def role_line(person, role, position, absolute, today):
    """Return the P39 line of one role (tab-separated fields)."""
    fields = [person.wikidata_id, "P39", position]
    organization = role.organization
    if organization is not None and organization.wikidata_id:
        fields += ["P108", organization.wikidata_id]
    for prop, value in (("P580", role.start_edtf), ("P582", role.end_edtf)):
        if time := wikidata_time(value):
            fields += [prop, time]
    before, after = neighbours(role) if role.organization_id else (None, None)
    for prop, other in (("P1365", before), ("P1366", after)):
        if other is not None and other.person.wikidata_id and other.person_id != person.pk:
            fields += [prop, other.person.wikidata_id]
    return "\t".join(fields + reference(role, absolute, today))


def quickstatements(people, absolute, positions=None, today=None):
    """Return (lines, skipped): QuickStatements for the people's public roles, and why others were not."""
    positions, today = positions or {}, today or datetime.date.today()
    lines, skipped = [], []
    for person in public.with_career(people):
        for role in person.career:
            missing = [
                what
                for what, ok in (("person", person.wikidata_id), ("position", positions.get(role.title)))
                if not ok
            ]
            if missing or not role.citations:
                skipped.append(
                    f"{person.slug}: {role.title}: no Wikidata id for the {' and '.join(missing) or 'source'}"
                )
                continue
            lines.append(role_line(person, role, positions[role.title], absolute, today))
    return lines, skipped
