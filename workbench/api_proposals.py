"""JSON endpoints of the curation assistant: the article's proposals, accept, reject, quick role.

Same guard and error shape as ``api.py``. Accepting answers with the annotations it created, so
the page marks them in place without reloading the article.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive.models import Paragraph
from archive.services import annotations as annotating

from . import proposing, services
from .api import BadRequest, _body, endpoint
from .models import ProposalTally
from .rendering import annotations_json, rendered_paragraphs

ACCEPT_PERMS = ["archive.add_annotation", "people.add_person", "people.add_role", "archive.add_event"]
NOTICES = {
    "lexicon_only": gettext_lazy(
        "No named-entity library could be loaded: only names the archive knows are proposed."
    ),
    "ner_unavailable": gettext_lazy(
        "The preferred named-entity library could not be loaded; a simpler one was used."
    ),
    "proposals_failed": gettext_lazy("The proposals could not be computed; annotate by hand as usual."),
}


def notice_texts(notices):
    """Return the engine's notices as sentences for editors (the technical detail after a colon)."""
    return [str(NOTICES.get(n.split(":", 1)[0], n)) for n in notices]


@endpoint(get=["archive.view_annotation"])
def proposals(request, article):
    """GET: the proposals still waiting, grouped by person, with notices."""
    found = proposing.article_proposals(article)
    items = proposing.review_items(article, found)
    ProposalTally.objects.update_or_create(
        article=article,
        defaults={
            "total": sum(len(getattr(found, k)) for k in proposing.KINDS),
            "waiting": len(items),
            "notice": "; ".join(found.notices)[:300],
        },
    )
    return JsonResponse(
        {
            "groups": proposing.grouped(items),
            "count": len(items),
            "notices": notice_texts(found.notices),
            "backend": found.backend,
        }
    )


def _claim(data):
    kind, claim = data.get("kind"), data.get("claim")
    if kind not in proposing.SINGULAR.values() or not isinstance(claim, dict):
        raise BadRequest(_("Send the proposal's kind and claim."))
    evidence = data.get("evidence") or claim.get("evidence") or []
    if not isinstance(evidence, list) or not all(isinstance(e, dict) for e in evidence):
        raise BadRequest(_("The evidence must be a list of spans."))
    try:
        evidence = [
            {
                "paragraph": int(e["paragraph"]),
                "start": int(e["start"]),
                "end": int(e["end"]),
                "quote": str(e["quote"]),
            }
            for e in evidence
        ]
    except (KeyError, TypeError, ValueError):
        raise BadRequest(_("Each evidence span needs paragraph, start, end and quote.")) from None
    return kind, claim, evidence


@endpoint(post=ACCEPT_PERMS)
def accept(request, article):
    """POST {kind, claim, evidence, proposed}: create or reuse the records and cite them."""
    data = _body(request)
    kind, claim, evidence = _claim(data)
    target, made = services.proposal_accept(
        article=article,
        kind=kind,
        claim=claim,
        evidence=evidence,
        user=request.user,
        proposed=data.get("proposed") if isinstance(data.get("proposed"), dict) else None,
    )
    return JsonResponse(
        {"target": {"kind": kind, "id": target.pk, "label": str(target)}, "annotations": _rendered(made)},
        status=201,
    )


def _rendered(made):
    """Return the new annotations, and each touched paragraph's annotations to re-mark it."""
    return {
        "created": annotations_json(made),
        "paragraphs": rendered_paragraphs(a.paragraph_id for a in made),
    }


@endpoint(post=["archive.add_annotation"])
def reject(request, article):
    """POST {kind, claim}: never propose this name, role or event again."""
    kind, claim, _evidence = _claim(_body(request))
    services.proposal_reject(kind=kind, claim=claim, user=request.user)
    return JsonResponse({"rejected": proposing.claim_key(kind, claim)})


@endpoint(post=["archive.add_annotation", "people.add_role"])
def quick(request, article):
    """POST {line, paragraph, start, end}: "杨猛 区域经理 台州" → the role, cited on the selection."""
    data = _body(request)
    line = str(data.get("line") or "")
    try:
        paragraph = article.paragraphs.get(pk=int(data.get("paragraph")))
        start, end = int(data.get("start")), int(data.get("end"))
    except (TypeError, ValueError, Paragraph.DoesNotExist):
        raise BadRequest(_("Select the sentence that states the role first.")) from None
    if not (0 <= start < end <= len(paragraph.text)):
        raise annotating.AnnotationError(_("The selection is outside the paragraph."))
    span = {"paragraph": paragraph.position, "start": start, "end": end, "quote": paragraph.text[start:end]}
    role, made = services.role_quick_create(article=article, line=line, span=span, user=request.user)
    return JsonResponse(
        {"role": {"id": role.pk, "label": str(role)}, "annotations": _rendered(made)}, status=201
    )
