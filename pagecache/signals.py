"""Move the content version whenever a row public pages draw on changes.

This is cache invalidation, not domain logic, so it listens to saves and deletes wherever they
come from (services, the admin, load_demo), and to ``core.signals.content_changed``, which bulk
writes (``bulk_create``, ``update``) send because they send no model signals. Inside a
transaction the bump waits for the commit and happens once per commit, however many rows the
transaction wrote; a rolled-back transaction bumps nothing.
"""

import threading
from functools import partial

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.signals import content_changed

from .models import ContentVersion

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


class _Generations(threading.local):
    """Per thread and database: the transaction generation registered, and the last one bumped.

    Every change inside a transaction registers an on-commit callback carrying the generation;
    the first to run at the commit bumps and marks that generation done, the others see it done.
    A rollback discards the callbacks, so its generation is never marked done and the next
    transaction reuses it. No private transaction state is read.
    """

    def __init__(self):
        self.registered = {}
        self.done = {}


_state = _Generations()


def _bump(using):
    ContentVersion.objects.db_manager(using).bump()


def _bump_once(using, generation):
    if _state.done.get(using, 0) >= generation:
        return
    _state.done[using] = generation
    _bump(using)


def changed(sender=None, using=DEFAULT_DB_ALIAS, **kwargs):
    """Bump the content version now, or once at the commit of the current transaction."""
    if kwargs.get("raw"):
        return  # fixtures being loaded: the loader sends content_changed when it is done
    if not connections[using].in_atomic_block:
        _bump(using)
        return
    registered = _state.registered.get(using, 0)
    if _state.done.get(using, 0) >= registered:
        registered = _state.registered[using] = registered + 1
    transaction.on_commit(partial(_bump_once, using, registered), using=using)


def connect():
    for label in PUBLIC_MODELS:
        model = apps.get_model(label)
        post_save.connect(changed, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(changed, sender=model, dispatch_uid=f"pagecache-delete-{label}")
    for label, field in M2M_RELATIONS:
        relation = getattr(apps.get_model(label), field).through
        m2m_changed.connect(changed, sender=relation, dispatch_uid=f"pagecache-m2m-{label}.{field}")
    content_changed.connect(changed, dispatch_uid="pagecache-content-changed")
