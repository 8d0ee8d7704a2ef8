"""Bump the content version whenever a row public pages draw on changes.

Cached public pages are keyed by ``ContentVersion`` (config/caching.py). This is cache
invalidation, not domain logic, so it listens to saves and deletes wherever they come from
(services, the admin, load_demo); writes that bypass signals (``bulk_create``, ``update``) call
``ContentVersion.objects.bump()`` themselves. Inside a transaction the bump waits for the commit
and happens once, so publishing a thousand annotations moves the version once.
"""

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from people.models import Alias, Organization, OrganizationAlias, Person, Role

from .models import Alignment, Annotation, Article, ContentVersion, Event, Paragraph

PUBLIC_MODELS = (
    Article,
    Paragraph,
    Alignment,
    Annotation,
    Event,
    Person,
    Alias,
    Organization,
    OrganizationAlias,
    Role,
)
_bumpers = {}


def _bumper(using):
    """Return the (one, identical) bump callback for a database alias."""
    if using not in _bumpers:

        def bump():
            connections[using].annals_bump_pending = False
            ContentVersion.objects.db_manager(using).bump()

        _bumpers[using] = bump
    return _bumpers[using]


def content_changed(sender=None, using=DEFAULT_DB_ALIAS, **kwargs):
    """Bump the content version now, or once at the commit of the current transaction."""
    if kwargs.get("raw"):
        return  # fixtures being loaded: the loader bumps when it is done
    connection, bump = connections[using], _bumper(using)
    if not connection.in_atomic_block:
        bump()
        return
    # Pending means registered and not yet run; a rollback drops the callback, so check both.
    pending = getattr(connection, "annals_bump_pending", False)
    if not (pending and any(callback is bump for _, callback, _ in connection.run_on_commit)):
        connection.annals_bump_pending = True
        transaction.on_commit(bump, using=using)


def connect():
    for model in PUBLIC_MODELS:
        post_save.connect(
            content_changed, sender=model, dispatch_uid=f"content-version-save-{model._meta.label}"
        )
        post_delete.connect(
            content_changed, sender=model, dispatch_uid=f"content-version-delete-{model._meta.label}"
        )
    for relation in (Event.participants.through, Event.organizations.through):
        m2m_changed.connect(
            content_changed, sender=relation, dispatch_uid=f"content-version-m2m-{relation._meta.label}"
        )
