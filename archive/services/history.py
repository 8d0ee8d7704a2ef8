"""History rows for bulk writes, copied by the database instead of built in Python.

django-simple-history's ``bulk_create_with_history`` builds one historical instance per row and
inserts them again; for a large import that doubles the cost of the write. Here the database
copies the rows it has just stored into the history table with one INSERT … SELECT per batch,
giving the same historical records (same columns, user, date, change reason, type "+").
"""

from django.db import connections


def history_copy_created(model, pks, *, user=None, reason="", date, using="default", batch=1000):
    """Record the rows of model with the given primary keys as created ("+") in its history."""
    history = model.history.model
    connection = connections[using]
    quote = connection.ops.quote_name
    tracked = [f.column for f in history._meta.concrete_fields if not f.name.startswith("history_")]
    columns = ", ".join(quote(c) for c in tracked)
    extra = ", ".join(
        quote(c) for c in ("history_date", "history_change_reason", "history_type", "history_user_id")
    )
    pks = list(pks)
    with connection.cursor() as cursor:
        for start in range(0, len(pks), batch):
            chunk = pks[start : start + batch]
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({columns}, {extra}) "
                f"SELECT {columns}, %s, %s, '+', %s FROM {quote(model._meta.db_table)} "
                f"WHERE {quote(model._meta.pk.column)} IN ({', '.join(['%s'] * len(chunk))})",
                [date, reason or None, user.pk if user else None, *chunk],
            )
