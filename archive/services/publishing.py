"""Writes of what readers may see: publishing and withdrawing articles.

Each article goes through ``save()``, so django-simple-history records who published or withdrew
it and why, and the page cache (listening to model signals) moves the content version once, when
the transaction commits. Never ``queryset.update()`` public state: it sends no signal and writes
no history, and cached pages would go on showing what was withdrawn.
"""

from django.db import transaction

from core.history import history_record, locked_rows


@transaction.atomic
def articles_set_published(*, queryset, published, user=None, reason=""):
    """Publish (or withdraw) the articles one by one, with history; return how many changed."""
    reason = reason or ("published" if published else "withdrawn from the public pages")
    count = 0
    for article in locked_rows(queryset).exclude(is_published=published):
        article.is_published = published
        history_record(article, user, reason)
        article.save(update_fields=["is_published", "updated_at"])
        count += 1
    return count
