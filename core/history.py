"""History for writes that touch many rows: who did it and why, one row at a time.

``queryset.update()`` and ``queryset.delete()`` write no reason into django-simple-history, and
``update()`` sends no model signal either, so listeners (the page cache) never hear of it.
Writes of public state go row by row through ``save()``/``delete()`` instead.
"""

from django.db import transaction


def history_record(instance, user, reason):
    """Stamp the next history row of instance with its author and reason."""
    instance._history_user = user
    instance._change_reason = reason


def locked_rows(queryset):
    """Return the queryset's rows locked for update, in primary-key order.

    An admin changelist queryset may join nullable relations or be DISTINCT (a search across
    relations); PostgreSQL locks neither, so the rows are selected again by primary key.
    """
    manager = queryset.model._default_manager
    return manager.filter(pk__in=queryset.values("pk")).order_by("pk").select_for_update()


@transaction.atomic
def rows_delete(*, queryset, user=None, reason=""):
    """Delete the rows one by one, so history records who deleted each and why; return the count."""
    count = 0
    for instance in locked_rows(queryset):
        history_record(instance, user, reason or "deleted in the admin")
        instance.delete()
        count += 1
    return count
