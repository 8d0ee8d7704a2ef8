"""Search by name, alias and pinyin, CJK-aware, on the people list, the search page and JSON."""

import pytest

from tests import factories


@pytest.mark.parametrize("query", ["马云", "ma yun", "mayun", "Ma Yun", "MaYun"])
def test_people_list_finds_ma_yun_by_name_and_pinyin(client, demo, query):
    slugs = [p["slug"] for p in client.get("/people.json", {"q": query}).json()["results"]]
    assert slugs == ["ma-yun"]


def test_people_list_finds_a_person_by_alias(client, demo):
    slugs = [p["slug"] for p in client.get("/people.json", {"q": "老榕"}).json()["results"]]
    assert slugs == ["wang-jun-tao"]


def test_people_list_filters_by_organisation_title_and_year(client, demo):
    data = client.get(
        "/people.json", {"organization": "zhong-guo-gong-ying-shang", "title": "区域主管", "year": 2003}
    ).json()
    assert "yang-meng" in [p["slug"] for p in data["results"]]
    data = client.get(
        "/people.json", {"organization": "zhong-guo-gong-ying-shang", "title": "区域主管", "year": 1995}
    ).json()
    assert data["count"] == 0


def test_search_page_matches_two_character_names_and_text(client, demo):
    response = client.get("/search.json", {"q": "杨猛"})
    data = response.json()
    assert [p["slug"] for p in data["people"]] == ["yang-meng"]
    assert data["paragraphs"] and all("杨猛" in p["text"] for p in data["paragraphs"])
    html = client.get("/search/", {"q": "温州"}).content.decode()
    assert "<mark>温州</mark>" in html


def test_search_by_pinyin_finds_paragraphs_naming_the_person(client, demo):
    data = client.get("/search.json", {"q": "yang meng"}).json()
    assert [p["slug"] for p in data["people"]] == ["yang-meng"]
    assert data["paragraphs"] and "杨猛" in data["paragraphs"][0]["text"]


def test_search_finds_organisations_by_alias(client, demo):
    data = client.get("/search.json", {"q": "中供"}).json()
    assert "zhong-guo-gong-ying-shang" in [o["slug"] for o in data["organizations"]]


def test_search_ignores_unpublished_articles(client, db):
    article = factories.article(lines=["王明在温州工作。"], published=False)
    assert article.paragraphs.count() == 1
    assert client.get("/search.json", {"q": "王明"}).json()["paragraphs"] == []
    article.is_published = True
    article.save()
    assert len(client.get("/search.json", {"q": "王明"}).json()["paragraphs"]) == 1
