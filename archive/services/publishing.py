"""Writes of what readers may see: publishing and withdrawing articles.

Each article goes through ``save()``, so django-simple-history records who published or withdrew
it and why, and the page cache (listening to model signals) moves the content version once, when
the transaction commits. Never ``queryset.update()`` public state: it sends no signal and writes
no history, and cached pages would go on showing what was withdrawn.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from core.history import history_record, locked_rows


def check_article_publish_allowed(user):
    """Raise PermissionDenied unless user may publish or withdraw articles (Reviewers).

    ``None`` is the command line and the demo loader, which act for the operator."""
    if user is not None and not user.has_perm("archive.publish_article"):
        raise PermissionDenied(_("Only reviewers may publish or withdraw articles."))


@transaction.atomic
def articles_set_published(*, queryset, published, user=None, reason=""):
    """Publish (or withdraw) the articles one by one, with history; return how many changed."""
    check_article_publish_allowed(user)
    reason = reason or ("published" if published else "withdrawn from the public pages")
    count = 0
    for article in locked_rows(queryset).exclude(is_published=published):
        article.is_published = published
        history_record(article, user, reason)
        article.save(update_fields=["is_published", "updated_at"])
        count += 1
    return count
