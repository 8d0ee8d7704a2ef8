"""Reading a role out of a selection: ``role_prefill`` reads title, organisation and date phrase
from selected words with the curation assistant's own pattern code. (Resizing and re-targeting
an annotation are ``archive.services.annotations.annotation_update``.)
"""

from django.utils.translation import gettext as _

from archive.services import annotations as annotating
from people.models import Organization, Person
from textkit.proposals.engine import propose
from textkit.proposals.titles import find_titles

from .selectors import base_year_before

MAX_PREFILL_CHARS = 500


def role_prefill(*, article, paragraph, start, end):
    """Return the role the selected words state: {person, title, organization, start_text, ...}.

    Person and organisation carry the archive's id when it has exactly that name; every field is
    empty when the words state nothing (the editor then types them).
    """
    if not (0 <= start < end <= len(paragraph.text)):
        raise annotating.AnnotationError(_("The selection is outside the paragraph."))
    words = paragraph.text[start:end][:MAX_PREFILL_CHARS]
    # The paragraph's text up to the selection gives the year a bare "3月" or "次年" counts from.
    year = base_year_before(article, paragraph, start)
    found = propose([(paragraph.position, words, "body")], published=str(year) if year else None)
    role = max(found.roles, key=lambda r: r.confidence, default=None)
    out = {"person": "", "title": "", "organization": "", "start_text": "", "start_edtf": ""}
    if role is not None:
        out.update(
            person=role.person,
            title=role.title,
            organization=role.organization or "",
            start_text=role.start_text or "",
            start_edtf=role.start or "",
        )
    else:
        out.update(_loose(found, words))
    if not out["start_text"] and found.dates:
        date = found.dates[0]
        out.update(start_text=date.text, start_edtf=date.edtf or "")
    out["person_id"] = _exact(Person, out["person"])
    out["organization_id"] = _exact(Organization, out["organization"])
    return out


def _loose(found, words):
    """Without a whole role pattern: the first title, organisation and person the words name."""
    from textkit.proposals.sentences import Sentence

    orgs = [(e.start, e.end, o.name) for o in found.organizations for e in o.evidence]
    sentence = Sentence(1, 0, words, [], sorted(orgs), [])
    titles = find_titles(sentence)
    title = titles[0] if titles else None
    return {
        "person": found.people[0].name if found.people else "",
        "title": title.text if title else "",
        "organization": (title.org if title and title.org else None)
        or (found.organizations[0].name if found.organizations else ""),
    }


def _exact(model, name):
    """Return the id of the record with exactly this name (or alias), else None."""
    if not name:
        return None
    match = model.objects.filter(name=name).values_list("pk", flat=True).first()
    if match is None:
        match = model.objects.filter(aliases__name=name).values_list("pk", flat=True).first()
    return match
