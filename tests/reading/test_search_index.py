"""Paragraph search through the FTS5 trigram index finds what LIKE finds, and stays in sync."""

import sqlite3

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Paragraph
from reading import search
from tests import factories

pytestmark = pytest.mark.skipif(
    sqlite3.sqlite_version_info < (3, 34), reason="the FTS5 trigram tokenizer needs SQLite 3.34"
)
DEMO_QUERIES = [
    "温州",
    "杨猛",
    "yang meng",
    "中国供应商",
    "阿里巴巴",
    "马云",
    "B2B",
    "销售 团队",
    "ma yun",
    "2003",
]


def found(query):
    names = [p.name for p in search.search_archive(query)["people"][:10]]
    return {p.pk for p in search.paragraph_search(query, names)}


@pytest.fixture
def sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("the FTS5 index is SQLite's")


@pytest.mark.parametrize("query", DEMO_QUERIES)
def test_the_index_finds_the_same_paragraphs_as_like(demo, sqlite_only, monkeypatch, query):
    indexed = found(query)
    monkeypatch.setattr(search, "fts_enabled", lambda: False)
    assert indexed == found(query)


def test_long_terms_go_through_the_index_and_short_ones_through_like(demo, sqlite_only):
    for query, indexed in (("中国供应商", True), ("温州", False)):
        with CaptureQueriesContext(connection) as queries:
            list(search.paragraph_search(query))
        sql = " ".join(q["sql"] for q in queries)
        assert (f"{search.FTS_TABLE} MATCH" in sql and "bm25" in sql) is indexed, query
        assert ("LIKE" in sql) is not indexed, query


def test_the_index_follows_inserts_updates_and_deletes(db, sqlite_only):
    article = factories.article(lines=["王明在温州工作。"])
    assert [p.pk for p in search.paragraph_search("在温州工作")] == [article.paragraphs.get().pk]
    Paragraph.objects.filter(article=article).update(text="王明在杭州工作。")
    assert not search.paragraph_search("在温州工作").exists()
    assert search.paragraph_search("在杭州工作").exists()
    article.delete()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {search.FTS_TABLE} WHERE {search.FTS_TABLE} MATCH '\"杭州工\"'")
        assert cursor.fetchone()[0] == 0


def test_quotes_and_operators_in_a_query_are_plain_text(db, sqlite_only):
    factories.article(lines=['他说"NOT OR"是口号。'])
    assert search.paragraph_search('"NOT OR"').count() == 1
    assert search.paragraph_search("AND (*").count() == 0


def test_better_matches_rank_first(db, sqlite_only):
    factories.article(title="长文", lines=["阿里巴巴中国供应商团队" + "的故事很长" * 40])
    short = factories.article(title="短文", lines=["中国供应商"])
    assert search.paragraph_search("中国供应商")[0].article == short


@pytest.mark.django_db
def test_postgres_paragraph_index_has_no_pending_list():
    """The pg_trgm index takes paragraphs in as they are written (migration 0011): a search right
    after an import reads the index, not every paragraph (the planner priced a filled pending list
    above a scan of the table)."""
    if connection.vendor != "postgresql":
        pytest.skip("the pg_trgm index is PostgreSQL's (TEST_DATABASE_URL)")
    factories.article()
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'archive_paragraph_text_trgm'")
        assert cursor.fetchone()[0] == ["fastupdate=off"]
