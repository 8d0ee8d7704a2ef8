"""Writes of the annotation workbench: annotations, paragraph corrections and suggestions.

Every write checks the ``version`` the editor started from, so when two editors change the same
annotation or paragraph the second save is refused and the first is kept. Every write records
who made it and why in the model's history (django-simple-history).
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from textkit.anchoring import find_quote, quote_selector, reanchor

from ..models import TARGETS, Annotation, Paragraph
from .review import check_status_allowed, keep_review_honest, reviewed_values, status_reason

Status = Annotation.Status
ANCHOR_FIELDS = ("quote", "prefix", "suffix", "start", "end", "orphaned")
REASON_REJECTED = "suggestion rejected"


class Conflict(Exception):
    """Someone else saved the record after the editor opened it; nothing was written."""


class AnnotationError(ValueError):
    """Bad input for an annotation; the message names the problem and its place."""


def _check_version(current, version, label):
    if version is None or int(version) != current.version:
        last = current.history.select_related("history_user").first()
        who = last.history_user if last and last.history_user else _("someone else")
        raise Conflict(
            _(
                "%(label)s was changed by %(who)s since you opened it (now version %(now)s, you had %(had)s); "
                "your change was not saved. Reload to see the current version."
            )
            % {"label": label, "who": who, "now": current.version, "had": version}
        )


def _record(instance, user, reason):
    instance._history_user = user
    instance._change_reason = reason


def anchor_span(text, start, end):
    """Return the W3C selectors (quote, prefix, suffix, start, end) of text[start:end]."""
    if not (0 <= start < end <= len(text)):
        raise AnnotationError(
            _("The span %(start)s–%(end)s is outside the paragraph (0–%(length)s).")
            % {"start": start, "end": end, "length": len(text)}
        )
    return quote_selector(text, start, end)


def _set_target(annotation, kind, value):
    if kind not in (*TARGETS, "note"):
        raise AnnotationError(_("Unknown annotation kind “%(kind)s”.") % {"kind": kind})
    if value is None or (kind == "note" and not str(value).strip()):
        raise AnnotationError(_("Choose what the span is evidence of (%(kind)s).") % {"kind": kind})
    for target in TARGETS:
        setattr(annotation, target, value if target == kind else None)
    annotation.body = str(value).strip() if kind == "note" else ""


def _full_clean(annotation):
    try:
        annotation.full_clean(exclude=["editor"])
    except ValidationError as exc:
        raise AnnotationError("; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from exc


@transaction.atomic
def annotation_create_at_span(
    *,
    paragraph_id,
    start,
    end,
    paragraph_version,
    kind,
    target,
    editor,
    status=Status.DRAFT,
    comment="",
    reason="",
):
    """Create an annotation on paragraph[start:end], refused if the paragraph changed meanwhile."""
    paragraph = Paragraph.objects.select_for_update().get(pk=paragraph_id)
    _check_version(
        paragraph, paragraph_version, _("Paragraph %(position)s") % {"position": paragraph.position}
    )
    check_status_allowed(editor, status)
    annotation = Annotation(
        paragraph=paragraph,
        status=status,
        editor=editor,
        comment=comment,
        **anchor_span(paragraph.text, int(start), int(end)),
    )
    _set_target(annotation, kind, target)
    _full_clean(annotation)
    _record(annotation, editor, reason or "created in the workbench")
    try:
        with transaction.atomic():
            annotation.save()
    except IntegrityError:
        raise AnnotationError(
            _("This span is already annotated with that target (%(start)s–%(end)s).")
            % {"start": annotation.start, "end": annotation.end}
        ) from None
    return annotation


@transaction.atomic
def annotation_update(
    *, annotation_id, version, user, status=None, comment=None, kind=None, target=None, span=None, reason=""
):
    """Change an annotation's status, comment, target or span (start, end) of its paragraph;
    refused when it is stale or when the same span already cites the same target."""
    annotation = Annotation.objects.select_for_update().select_related("paragraph").get(pk=annotation_id)
    _check_version(annotation, version, _("Annotation “%(quote)s”") % {"quote": annotation.quote[:20]})
    before, before_status = reviewed_values(annotation), annotation.status
    if status is not None and status != annotation.status:
        if status not in Status.values:
            raise AnnotationError(_("Unknown status “%(status)s”.") % {"status": status})
        check_status_allowed(user, status)
        annotation.status = status
    if comment is not None:
        annotation.comment = comment
    if kind is not None:
        _set_target(annotation, kind, target)
    moved = _move_span(annotation, *span) if span is not None else ""
    if span is not None and not moved and (status, comment, kind) == (None, None, None):
        return annotation  # the same span again: nothing changed
    if kind is not None or moved:
        _refuse_duplicate(annotation)
    demoted = keep_review_honest(annotation, before, before_status, user)
    _full_clean(annotation)
    annotation.version += 1
    why = "; ".join(filter(None, [moved, demoted])) or status_reason(before_status, annotation.status)
    _record(annotation, user, reason or why or "changed in the workbench")
    try:
        with transaction.atomic():
            annotation.save()
    except IntegrityError:  # a concurrent write made the duplicate after the check
        _refuse_duplicate(annotation, known=True)
    return annotation


def _move_span(annotation, start, end):
    """Anchor annotation at paragraph[start:end]; return the history note, or "" when unmoved."""
    old = annotation.start, annotation.end
    for name, value in anchor_span(annotation.paragraph.text, int(start), int(end)).items():
        setattr(annotation, name, value)
    annotation.orphaned = False
    if (annotation.start, annotation.end) == old:
        return ""
    return f"span {old[0]}–{old[1]} → {annotation.start}–{annotation.end} “{annotation.quote[:30]}”"


def _refuse_duplicate(annotation, *, known=False):
    """Say so plainly when the span already cites the same target (known: the database said so)."""
    same = {f"{t}_id": getattr(annotation, f"{t}_id") for t in TARGETS if getattr(annotation, f"{t}_id")}
    clash = Annotation.objects.filter(
        paragraph_id=annotation.paragraph_id, start=annotation.start, end=annotation.end, **same
    ).exclude(pk=annotation.pk)
    if known or (same and clash.exists()):
        where = {"start": annotation.start, "end": annotation.end}
        raise AnnotationError(
            _("This span is already annotated with that target (%(start)s–%(end)s).") % where
        )


@transaction.atomic
def annotation_save(*, annotation, version, user, reason=""):
    """Save an annotation edited elsewhere (the admin form) unless it changed since version."""
    current = Annotation.objects.select_for_update().get(pk=annotation.pk)
    _check_version(current, version, _("Annotation “%(quote)s”") % {"quote": current.quote[:20]})
    if annotation.status != current.status:
        check_status_allowed(user, annotation.status)
    for name in ANCHOR_FIELDS:  # set by anchoring only, whatever a form posted
        setattr(annotation, name, getattr(current, name))
    annotation.paragraph_id = current.paragraph_id
    demoted = keep_review_honest(annotation, reviewed_values(current), current.status, user)
    annotation.version = current.version + 1
    why = demoted or status_reason(current.status, annotation.status)
    _record(annotation, user, reason or why or "changed in the admin")
    annotation.save()
    return annotation


@transaction.atomic
def annotation_delete(*, annotation_id, version, user, reason=""):
    """Delete an annotation (its history keeps it); refused when it is stale."""
    annotation = Annotation.objects.select_for_update().get(pk=annotation_id)
    _check_version(annotation, version, _("Annotation “%(quote)s”") % {"quote": annotation.quote[:20]})
    _record(annotation, user, reason or "deleted in the workbench")
    annotation.delete()


@dataclass
class ReanchorReport:
    """What a paragraph edit did to its annotations (lists of annotation ids)."""

    moved: list = field(default_factory=list)
    orphaned: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)


@transaction.atomic
def paragraph_update_text(*, paragraph, text, version, user=None, reason=""):
    """Save paragraph with its corrected text and re-anchor its annotations.

    ``paragraph`` may carry other edited fields (the admin form); ``version`` is the one the
    editor started from. Annotations whose quote cannot be found again become orphans: kept,
    flagged, listed in the orphan queue; never deleted.
    """
    current = Paragraph.objects.select_for_update().get(pk=paragraph.pk)
    _check_version(current, version, _("Paragraph %(position)s") % {"position": current.position})
    old_text = current.text
    paragraph.text = text
    paragraph.version = current.version + 1
    _record(paragraph, user, reason or "text corrected")
    paragraph.save()
    if text == old_text:
        return ReanchorReport(unchanged=list(paragraph.annotations.values_list("pk", flat=True)))
    return _reanchor_all(paragraph, user)


def _reanchor_all(paragraph, user):
    report = ReanchorReport()
    for annotation in paragraph.annotations.select_for_update().order_by("pk"):
        annotation.paragraph = paragraph
        placement = reanchor(
            paragraph.text,
            quote=annotation.quote,
            prefix=annotation.prefix,
            suffix=annotation.suffix,
            hint=annotation.start,
        )
        if placement is None:
            if annotation.orphaned:
                report.orphaned.append(annotation.pk)
                continue
            annotation.orphaned = True
            how = f"orphaned: “{annotation.quote[:20]}” not found after ¶{paragraph.position} was edited"
            report.orphaned.append(annotation.pk)
        else:
            annotation.orphaned = False
            for name, value in anchor_span(paragraph.text, placement.start, placement.end).items():
                setattr(annotation, name, value)
            kind = "exactly" if placement.exact else f"approximately ({placement.score})"
            how = f"re-anchored {kind} after ¶{paragraph.position} was edited"
            report.moved.append(annotation.pk)
        annotation.version += 1
        _record(annotation, user, how)
        annotation.save()
    return report


@transaction.atomic
def suggestions_create(*, article, spans, user=None, reason="suggested by the name matcher"):
    """Create suggested annotations of article at spans; return how many were new.

    ``spans`` carry ``paragraph``, ``start``, ``end`` and ``person_id`` or ``organization_id``.
    A span already annotated with the same target, or a suggestion rejected before, is not
    suggested again.
    """
    taken = set(
        Annotation.objects.filter(paragraph__article=article).values_list(
            "paragraph_id", "start", "end", "person_id", "organization_id"
        )
    )
    rejected = set(
        Annotation.history.filter(
            paragraph__article=article,
            history_type="-",
            history_change_reason=REASON_REJECTED,
        ).values_list("paragraph_id", "start", "end", "person_id", "organization_id")
    )
    created = 0
    for span in spans:
        key = (span.paragraph.pk, span.start, span.end, span.person_id, span.organization_id)
        if key in taken or key in rejected:
            continue
        annotation = Annotation(
            paragraph=span.paragraph,
            status=Status.SUGGESTED,
            person_id=span.person_id,
            organization_id=span.organization_id,
            **anchor_span(span.paragraph.text, span.start, span.end),
        )
        _record(annotation, user, reason)
        annotation.save()
        taken.add(key)
        created += 1
    return created


def _suggestions(article, ids):
    found = list(
        Annotation.objects.select_for_update().filter(
            paragraph__article=article, pk__in=ids, status=Status.SUGGESTED
        )
    )
    if len(found) != len(set(ids)):
        missing = sorted(set(map(int, ids)) - {a.pk for a in found})
        raise AnnotationError(
            _("Not open suggestions of this article: %(ids)s (accepted, rejected or unknown).")
            % {"ids": ", ".join(map(str, missing))}
        )
    return found


@transaction.atomic
def suggestions_accept(*, article, ids, user):
    """Turn suggestions into drafts by user; all or none."""
    accepted = _suggestions(article, ids)
    for annotation in accepted:
        annotation.status = Status.DRAFT
        annotation.editor = user
        annotation.version += 1
        _record(annotation, user, "suggestion accepted")
        annotation.save()
    return len(accepted)


@transaction.atomic
def suggestions_reject(*, article, ids, user):
    """Delete rejected suggestions, recording the rejection so they are not suggested again."""
    rejected = _suggestions(article, ids)
    for annotation in rejected:
        _record(annotation, user, REASON_REJECTED)
        annotation.delete()
    return len(rejected)


@transaction.atomic
def annotations_set_status(*, queryset, status, user=None, reason=""):
    """Move annotations to a review status one by one, so history records who and why."""
    if user is not None:
        check_status_allowed(user, status)
    count = 0
    # The admin's changelist queryset joins nullable targets; PostgreSQL cannot lock those rows.
    for annotation in (
        queryset.select_related(None).select_related("paragraph").select_for_update(of=("self", "paragraph"))
    ):
        if annotation.status == status:
            continue
        _record(annotation, user, reason or status_reason(annotation.status, status))
        annotation.status = status
        annotation.version += 1
        annotation.save(update_fields=["status", "version", "updated_at"])
        count += 1
    return count


def annotation_create(*, paragraph, quote, occurrence=1, status=Status.DRAFT, editor=None, **target):
    """Anchor quote in paragraph and create an annotation linked to one target."""
    start = find_quote(paragraph.text, quote, occurrence)
    annotation = Annotation(
        paragraph=paragraph,
        **quote_selector(paragraph.text, start, start + len(quote)),
        status=status,
        editor=editor,
        **target,
    )
    annotation.full_clean()
    annotation.save()
    return annotation
