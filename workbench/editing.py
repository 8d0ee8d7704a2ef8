"""Editing an existing annotation's span, and reading a role out of a selection.

``annotation_resize`` moves an annotation to a new span of its paragraph: the span is anchored
again with the archive's anchoring code (quote, prefix, suffix), the old span goes to history,
and a reviewed or published annotation changed by a non-reviewer goes back to draft (the rule of
``archive.services.annotations``). ``role_prefill`` reads title, organisation and date phrase
from selected words with the curation assistant's own pattern code.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from archive.models import TARGETS, Annotation
from archive.services import annotations as annotating
from people.models import Organization, Person
from textkit.proposals.engine import propose
from textkit.proposals.titles import find_titles

from .selectors import base_year_before

MAX_PREFILL_CHARS = 500


@transaction.atomic
def annotation_resize(*, annotation_id, version, start, end, user):
    """Move the annotation to paragraph[start:end]; refused when stale or outside the paragraph."""
    annotation = Annotation.objects.select_for_update().select_related("paragraph").get(pk=annotation_id)
    label = _("Annotation “%(quote)s”") % {"quote": annotation.quote[:20]}
    annotating._check_version(annotation, version, label)
    before, before_status = annotating.reviewed_values(annotation), annotation.status
    old = (annotation.start, annotation.end)
    for name, value in annotating.anchor_span(annotation.paragraph.text, int(start), int(end)).items():
        setattr(annotation, name, value)
    annotation.orphaned = False
    if (annotation.start, annotation.end) == old:
        return annotation
    _refuse_duplicate(annotation)
    demoted = annotating._keep_review_honest(annotation, before, before_status, user)
    annotating._full_clean(annotation)
    annotation.version += 1
    how = f"span {old[0]}–{old[1]} → {annotation.start}–{annotation.end} “{annotation.quote[:30]}”"
    annotating._record(annotation, user, f"{how}; {demoted}" if demoted else how)
    try:
        with transaction.atomic():
            annotation.save()
    except IntegrityError:
        raise annotating.AnnotationError(
            _("This span is already annotated with that target (%(start)s–%(end)s).")
            % {"start": annotation.start, "end": annotation.end}
        ) from None
    return annotation


def _refuse_duplicate(annotation):
    """Say so plainly when the new span already cites the same target (not the constraint's name)."""
    same = {f"{t}_id": getattr(annotation, f"{t}_id") for t in TARGETS if getattr(annotation, f"{t}_id")}
    if not same:
        return
    clash = Annotation.objects.filter(
        paragraph_id=annotation.paragraph_id, start=annotation.start, end=annotation.end, **same
    ).exclude(pk=annotation.pk)
    if clash.exists():
        raise annotating.AnnotationError(
            _("This span is already annotated with that target (%(start)s–%(end)s).")
            % {"start": annotation.start, "end": annotation.end}
        )


def check_retarget(*, annotation_id, kind, target):
    """Refuse, in plain words, a re-target onto a target the same span already cites."""
    if kind not in TARGETS or target is None:
        return
    annotation = Annotation.objects.get(pk=annotation_id)
    setattr(annotation, kind, target)
    for other in TARGETS:
        if other != kind:
            setattr(annotation, f"{other}_id", None)
    _refuse_duplicate(annotation)


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
