"""Keep the ranked evidence (reading/models.py) in step with every write that can change it.

A claim's ranking depends on which of its citations are public (the annotation's status and
anchoring, its paragraph's kind, its article being published), on their order (the article's
original, date, the paragraph's position) and on what each sentence says of the claim (its
words, and the claim's title). Each save or delete of an annotation, paragraph, article, role or
event that changes one of these ranks the claims concerned again, in the same transaction, so a
page never reads a ranking older than the evidence. A claim only one annotation's save touched
(an editor publishing or withdrawing a sentence) moves by that citation alone
(``moves.move_citation``) unless its change folds others. Inside ``core.batch.writes_batch()``
the claims are gathered and ranked once at the end; bulk writes tell ``core.signals.content_changed``
(with the rows written, or nothing: then every claim is ranked again).

Like the search index's triggers, this is the upkeep of an index, not domain logic.
"""

import threading
from collections import Counter

from django.db.models.signals import post_delete, post_save, pre_save

from archive.models import Annotation, Article, Event, Paragraph
from core.batch import batch_ended, in_batch
from core.signals import content_changed
from people.models import Role

from . import moves, ranking
from .models import RankedCitation

PUBLISHED = Annotation.Status.PUBLISHED
# Fields of a paragraph or an article whose change moves its citations in or out, or in order.
ORDER_FIELDS = {
    Article: ("is_published", "reprint_of_id", "published_lower"),
    Paragraph: ("kind", "position", "article_id"),
}


KINDS = ("person", "role", "event")


class _Pending(threading.local):
    def __init__(self):
        self.claims = {kind: set() for kind in KINDS}
        self.citations = {}  # annotation pk: the (kind, claim) pairs its save touched


_pending = _Pending()


def touch(claims, citation=None):
    """Rank the claims ({"person": ids, "role": ids, "event": ids}) again now, or when the batch
    ends; when one annotation's save (citation: its pk) touched them, by that citation alone."""
    if citation is not None:
        pairs = {(kind, pk) for kind, ids in claims.items() for pk in ids if pk}
        _pending.citations.setdefault(citation, set()).update(pairs)
    else:
        for kind, ids in claims.items():
            _pending.claims[kind].update(pk for pk in ids if pk)
    if not in_batch():
        flush()


def flush(sender=None, aborted=False, **kwargs):
    claims, _pending.claims = _pending.claims, {kind: set() for kind in KINDS}
    citations, _pending.citations = _pending.citations, {}
    if aborted:
        return
    # A claim that one annotation alone touched, and nothing else, moves by that citation.
    touched = Counter(pair for pairs in citations.values() for pair in pairs)
    for pk, pairs in citations.items():
        alone = all(touched[kind, claim] == 1 and claim not in claims[kind] for kind, claim in pairs)
        if not (alone and moves.move_citation(pk)):
            for kind, claim in pairs:
                claims[kind].add(claim)
    for kind, ids in claims.items():
        if ids:
            ranking.rank_claims(kind, ids)


def _claims(rows):
    """Return {kind: ids} of (person_id, role_id, event_id) rows."""
    return {kind: {row[n] for row in rows if row[n]} for n, kind in enumerate(KINDS)}


def _held_now(annotation_ids):
    return RankedCitation.objects.filter(annotation__in=annotation_ids).values_list(*KINDS)


def _targets(annotation):
    return (annotation.person_id, annotation.role_id, annotation.event_id)


def annotation_saved(sender, instance, raw=False, **kwargs):
    """The claim that ranked it before and the claim it cites now, when it is published."""
    if raw:
        return
    rows = list(_held_now([instance.pk]))
    if instance.status == PUBLISHED:
        rows.append(_targets(instance))
    if rows:
        touch(_claims(rows), citation=instance.pk)


def annotation_deleted(sender, instance, **kwargs):
    if instance.status == PUBLISHED:
        touch(_claims([_targets(instance)]))


def remember(sender, instance, raw=False, **kwargs):
    """pre_save of an article or paragraph: keep the fields that order or admit its citations."""
    if raw or instance.pk is None:
        return
    fields = ORDER_FIELDS[sender]
    instance._ranking_before = sender._default_manager.filter(pk=instance.pk).values_list(*fields).first()


def container_saved(sender, instance, raw=False, created=False, **kwargs):
    """An article or paragraph whose publication, kind or order changed: its citations' claims."""
    if raw or created:
        return
    before = instance.__dict__.pop("_ranking_before", None)
    now = tuple(getattr(instance, name) for name in ORDER_FIELDS[sender])
    if before == now:
        return
    where = {"paragraph__article": instance.pk} if sender is Article else {"paragraph": instance.pk}
    cited = Annotation.objects.filter(status=PUBLISHED, **where).values_list(*KINDS)
    touch(_claims(cited))


def remember_title(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk is not None:
        instance._ranking_title = sender._default_manager.filter(pk=instance.pk).values_list("title").first()


def claim_saved(sender, instance, raw=False, created=False, **kwargs):
    """A role or event renamed: whether its sentences name it changes."""
    before = instance.__dict__.pop("_ranking_title", None)
    if raw or created or before == (instance.title,):
        return
    touch({"role" if sender is Role else "event": {instance.pk}})


def bulk_written(sender=None, objects=None, **kwargs):
    """content_changed: the claims of the rows written, or every claim when they are not said."""
    if objects is None or sender is None:
        ranking.rank_everything()
        return
    if sender is Annotation:
        rows = [_targets(a) for a in objects if a.status == PUBLISHED]
        touch(_claims([*rows, *_held_now([a.pk for a in objects if a.pk])]))
    elif sender is Article:
        cited = Annotation.objects.filter(status=PUBLISHED, paragraph__article__in=objects)
        touch(_claims(cited.values_list(*KINDS)))
    else:
        ranking.rank_everything()


def connect():
    uid = "reading-ranking"
    post_save.connect(annotation_saved, sender=Annotation, dispatch_uid=f"{uid}-annotation-saved")
    post_delete.connect(annotation_deleted, sender=Annotation, dispatch_uid=f"{uid}-annotation-deleted")
    for model in ORDER_FIELDS:
        pre_save.connect(remember, sender=model, dispatch_uid=f"{uid}-before-{model.__name__}")
        post_save.connect(container_saved, sender=model, dispatch_uid=f"{uid}-saved-{model.__name__}")
    for model in (Role, Event):
        pre_save.connect(remember_title, sender=model, dispatch_uid=f"{uid}-title-{model.__name__}")
        post_save.connect(claim_saved, sender=model, dispatch_uid=f"{uid}-claim-{model.__name__}")
    content_changed.connect(bulk_written, dispatch_uid=f"{uid}-bulk")
    batch_ended.connect(flush, dispatch_uid=f"{uid}-batch")
