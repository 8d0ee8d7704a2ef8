"""Stamp the keys of what a write may change, so the pages that showed it are redrawn.

This is cache invalidation, not domain logic, so it listens to saves and deletes wherever they
come from (services, the admin, load_demo), and to ``core.signals.content_changed``, which bulk
writes (``bulk_create``, ``update``) send because they send no model signals: with
``objects=[…]`` the keys of those rows are stamped, without it every page is redrawn. What a
write touches is worked out when it happens (``dependencies.touched``); inside a transaction the
keys are gathered and stamped once at the commit, however many rows the transaction wrote; a
rolled-back transaction stamps nothing.
"""

import threading
from functools import partial

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_init, post_save, pre_delete, pre_save

from core.signals import content_changed

from . import dependencies
from .models import EVERYTHING, ContentVersion

PUBLIC_MODELS = (
    "archive.Article",
    "archive.Paragraph",
    "archive.Alignment",
    "archive.Annotation",
    "archive.Event",
    "people.Person",
    "people.Alias",
    "people.Organization",
    "people.OrganizationAlias",
    "people.Role",
)
M2M_RELATIONS = (("archive.Event", "participants"), ("archive.Event", "organizations"))
BULK_DETAIL_LIMIT = 2000  # a bulk write of more rows than this redraws every page instead


class _Generations(threading.local):
    """Per thread and database: the transaction generation registered, the last one stamped,
    and the keys each pending generation gathered.

    Every change inside a transaction registers an on-commit callback carrying the generation;
    the first to run at the commit stamps the keys and marks that generation done, the others
    see it done. A rollback discards the callbacks, so its generation is never marked done and
    the next transaction reuses it (stamping the rolled-back keys too: harmless, only redrawn).
    """

    def __init__(self):
        self.registered = {}
        self.done = {}
        self.pending = {}


_state = _Generations()


def _stamp_once(using, generation):
    if _state.done.get(using, 0) >= generation:
        return
    _state.done[using] = generation
    keys = _state.pending.pop((using, generation), set())
    ContentVersion.objects.db_manager(using).bump(keys or {EVERYTHING})


def stamp(keys, using=DEFAULT_DB_ALIAS):
    """Stamp keys now, or once at the commit of the current transaction."""
    if not keys:
        return
    if not connections[using].in_atomic_block:
        ContentVersion.objects.db_manager(using).bump(keys)
        return
    registered = _state.registered.get(using, 0)
    if _state.done.get(using, 0) >= registered:
        registered = _state.registered[using] = registered + 1
    _state.pending.setdefault((using, registered), set()).update(keys)
    transaction.on_commit(partial(_stamp_once, using, registered), using=using)


def _label(sender):
    return sender._meta.label


def remember(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    """pre_save: keep what the row linked to before, to touch both the old and the new."""
    if not raw:
        instance._pagecache_before = dependencies.before(_label(sender), instance)


def saved(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    if raw:
        return  # fixtures being loaded: the loader sends content_changed when it is done
    old = instance.__dict__.pop("_pagecache_before", None)
    stamp(dependencies.touched(_label(sender), instance, old), using)


def deleting(sender, instance, using=DEFAULT_DB_ALIAS, origin=None, **kwargs):
    """pre_delete: work out what the row backs while its links still stand."""
    stamp(
        dependencies.touched(_label(sender), instance, dependencies.before(_label(sender), instance)), using
    )


def related_changed(sender, instance, action, pk_set=None, reverse=False, using=DEFAULT_DB_ALIAS, **kwargs):
    label = next(f"{m}.{f}" for m, f in M2M_RELATIONS if getattr(apps.get_model(m), f).through is sender)
    keys = dependencies.m2m_touched(label, instance, action, pk_set, reverse)
    if action == "pre_clear":
        events = {instance.pk} if not reverse else set()
        keys = dependencies.event_shown(events) | dependencies.m2m_touched(
            label, instance, "post_", None, reverse
        )
    stamp(keys, using)


def bulk_changed(sender=None, using=DEFAULT_DB_ALIAS, objects=None, **kwargs):
    """content_changed: stamp the keys of the rows written, or everything when they are not said."""
    if objects is None or sender is None or len(objects) > BULK_DETAIL_LIMIT:
        stamp({EVERYTHING}, using)
        return
    label = _label(sender)
    if label == "archive.Annotation":  # their stored status is not known: touch as if published
        rows = [dependencies._fields(o, dependencies.BEFORE[label]) for o in objects]
        stamp(dependencies.evidence_shown(rows), using)
        return
    keys = set()
    for instance in objects:
        keys |= dependencies.touched(label, instance)
    stamp(keys, using)


def connect():
    for label in PUBLIC_MODELS:
        model = apps.get_model(label)
        pre_save.connect(remember, sender=model, dispatch_uid=f"pagecache-before-{label}")
        post_save.connect(saved, sender=model, dispatch_uid=f"pagecache-save-{label}")
        pre_delete.connect(deleting, sender=model, dispatch_uid=f"pagecache-delete-{label}")
    for label in dependencies.LOADED:
        post_init.connect(
            dependencies.note_loaded, sender=apps.get_model(label), dispatch_uid=f"pagecache-init-{label}"
        )
    for label, field in M2M_RELATIONS:
        relation = getattr(apps.get_model(label), field).through
        m2m_changed.connect(related_changed, sender=relation, dispatch_uid=f"pagecache-m2m-{label}.{field}")
    content_changed.connect(bulk_changed, dispatch_uid="pagecache-content-changed")
