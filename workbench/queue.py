"""The editors' work queue on the admin index: what waits for whom, and how far each article is.

Every figure comes from a fixed number of queries, however many articles and annotations the
archive holds (tests/workbench/test_queue.py renders it with one row and with many).
"""

from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from archive.models import Annotation, Article, Paragraph
from people.models import Role

from .models import ProposalTally

ARTICLES_SHOWN = 15
Status = Annotation.Status


def _counts(user):
    """Return the queue's four totals in one query."""
    drafts = Q(status=Status.DRAFT, orphaned=False)
    return Annotation.objects.aggregate(
        to_review=Count("pk", filter=drafts & ~Q(editor=user)),
        my_drafts=Count("pk", filter=drafts & Q(editor=user)),
        orphans=Count("pk", filter=Q(orphaned=True)),
        suggested=Count("pk", filter=Q(status=Status.SUGGESTED)),
    )


def _roles_unstated():
    """Return a subquery: roles of people the article mentions that no annotation cites."""
    mentioned = Annotation.objects.filter(
        paragraph__article=OuterRef(OuterRef("pk")), person=OuterRef("person")
    )
    roles = (
        Role.objects.filter(Exists(mentioned))
        .annotate(cited=Exists(Annotation.objects.filter(role=OuterRef("pk"))))
        .filter(cited=False)
    )
    return _count(roles)


def _count(queryset):
    """Return a correlated subquery counting queryset's rows (0 when none)."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def article_progress():
    """Return the articles with evidence or proposals, most recently changed first, with progress."""
    body = Paragraph.objects.filter(article=OuterRef("pk"), kind=Paragraph.Kind.BODY)
    with_evidence = body.filter(Exists(Annotation.objects.filter(paragraph=OuterRef("pk"))))

    return list(
        Article.objects.annotate(
            body_paragraphs=_count(body),
            body_with_evidence=_count(with_evidence),
            roles_unstated=_roles_unstated(),
            proposals_waiting=Coalesce("proposal_tally__waiting", 0),
            proposals_total=Coalesce("proposal_tally__total", 0),
        )
        .filter(Q(body_with_evidence__gt=0) | Q(proposals_waiting__gt=0))
        .order_by("-updated_at")[:ARTICLES_SHOWN]
    )


def work_queue(user):
    """Return the totals and the per-article progress the admin index shows."""
    totals = _counts(user)
    articles = article_progress()
    totals["proposals_waiting"] = sum(ProposalTally.objects.values_list("waiting", flat=True))
    return {"totals": totals, "articles": articles}
