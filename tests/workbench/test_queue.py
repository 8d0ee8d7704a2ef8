"""The work queue on the admin index: totals, per-article progress, a constant query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from archive.models import Annotation
from tests import factories

pytestmark = pytest.mark.django_db


def curated_article(n):
    article = factories.article(title=f"文章{n}")
    yang = factories.person(f"杨猛{n}")
    factories.role(yang, title="区域经理")
    factories.cite(article.paragraphs.get(position=3), "杨猛", status=Annotation.Status.DRAFT, person=yang)
    return article


def index_queries(client):
    client.get(reverse("admin:index"))  # warm-up: sessions, content types
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response, len(queries)


def test_queue_shows_totals_and_progress(client, editor):
    article = curated_article(1)
    client.force_login(editor)
    response, _count = index_queries(client)
    html = response.content.decode()
    assert 'id="work-queue"' in html and 'id="wq-to-review">1<' in html
    row = response.context["queue"]["articles"][0]
    assert (row.pk, row.body_with_evidence, row.body_paragraphs, row.roles_unstated) == (article.pk, 1, 3, 1)


def test_queue_query_count_is_the_same_for_one_and_many_articles(client, editor):
    curated_article(0)
    client.force_login(editor)
    _response, one = index_queries(client)
    for n in range(1, 8):
        curated_article(n)
    _response, many = index_queries(client)
    assert one == many
