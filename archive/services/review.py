"""The review rule: only Reviewers vouch for evidence, and a change by anyone else to what a
Reviewer vouched for (target, span, note) sends it back to draft, so nothing unreviewed is public.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from ..models import TARGETS, Annotation

Status = Annotation.Status
REVIEW_STATUSES = {Status.REVIEWED, Status.PUBLISHED}
# What a reviewer vouched for: change any of it and the review no longer holds.
REVIEWED_FIELDS = ("paragraph_id", "start", "end", "quote", "body", *[f"{t}_id" for t in TARGETS])


def is_reviewer(user):
    return bool(user and user.has_perm("archive.publish_annotation"))


def check_status_allowed(user, status):
    """Raise PermissionDenied unless user may move an annotation to status (only Reviewers publish)."""
    if status in REVIEW_STATUSES and not is_reviewer(user):
        raise PermissionDenied(_("Only reviewers may mark annotations reviewed or published."))


def reviewed_values(annotation):
    return {name: getattr(annotation, name) for name in REVIEWED_FIELDS}


def keep_review_honest(annotation, before, before_status, user):
    """Send a reviewed or published annotation back to draft when a non-reviewer changed what was
    reviewed (target, span, note); return the reason to record, or None."""
    if before_status not in REVIEW_STATUSES or is_reviewer(user) or reviewed_values(annotation) == before:
        return None
    annotation.status = Status.DRAFT
    changed = ", ".join(k.removesuffix("_id") for k, v in before.items() if getattr(annotation, k) != v)
    return f"sent back to draft from {before_status}: {changed} changed by a non-reviewer"


def status_reason(old, new):
    return f"status {old} → {new}" if old != new else ""
