"""Each public page makes the same number of queries with 1 and with 50 roles, annotations and events."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Annotation, Paragraph
from tests import factories


def build(n):
    """Return an archive of one person with n roles, n events and n mentions, each cited once."""
    lines = [f"杨猛第{i}次出任职务{i},参与事件{i}。" for i in range(1, n + 1)]
    article = factories.article(title="计数文章", lines=lines)
    copy = factories.article(title="计数转载", lines=lines[:1], reprint_of=article)
    Paragraph.objects.filter(article=copy).update(
        aligned_to=article.paragraphs.get(position=1), similarity=1.0
    )
    person, org = factories.person(), factories.organization()
    units = [factories.organization(f"单位{i}", parent=org) for i in range(1, n + 1)]
    for i, paragraph in enumerate(article.paragraphs.order_by("position"), 1):
        role = factories.role(
            person, f"职务{i}", org if i % 2 else units[i - 1], start_edtf=str(1990 + i % 30), sequence=i
        )
        event = factories.event(f"{n}号事件{i}", str(1990 + i % 30))
        event.participants.add(person)
        event.organizations.add(org, units[i - 1])
        factories.cite(paragraph, f"职务{i}", role=role)
        factories.cite(paragraph, f"事件{i}", event=event)
        factories.cite(paragraph, "杨猛", person=person)
        factories.cite(paragraph, f"第{i}次", organization=units[i - 1])
    factories.cite(copy.paragraphs.get(), "杨猛", person=person)
    cited = Annotation.objects.filter(paragraph__article=article, role__isnull=False).order_by("pk").first()
    return {"person": person, "org": org, "article": article, "cited": cited}


URLS = [
    lambda w: w["person"].get_absolute_url(),
    lambda w: f"/people/{w['person'].slug}.json",
    lambda w: f"/people/{w['person'].slug}/roles/{w['cited'].role_id}/",
    lambda w: f"/people/{w['person'].slug}/roles/{w['cited'].role_id}.json",
    lambda w: f"/people/{w['person'].slug}/mentions/",
    lambda w: f"/people/{w['person'].slug}/mentions.json?page=1",
    lambda w: w["org"].get_absolute_url(),
    lambda w: w["article"].get_absolute_url() + f"?hl={w['cited'].pk}",
    lambda w: "/organizations/",
    lambda w: "/organizations.json",
    lambda w: "/events/?year=1991",
    lambda w: f"/articles/{w['article'].slug}.json",
    lambda w: f"/articles/{w['article'].slug}/tei.xml",
    lambda w: f"/articles/{w['article'].slug}/annotations.jsonld",
    lambda w: f"/annotations/{w['cited'].pk}",
    lambda w: "/events/",
    lambda w: "/events.json?person=" + w["person"].slug,
    lambda w: "/people/",
    lambda w: "/people/?organization=" + w["org"].slug + "&year=1991",
    lambda w: "/articles/",
    lambda w: "/search/?q=杨猛",
    lambda w: "/",
]


def count_queries(client, url):
    client.get(url)  # warm-up: sessions, content types and the like are not the page's cost
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("url", URLS)
def test_same_queries_with_1_and_50_rows(client, db, url):
    one = count_queries(client, url(build(1)))
    Annotation.objects.all().delete()
    many_world = build(50)
    many = count_queries(client, url(many_world))
    assert one == many, f"{url(many_world)}: {one} queries with 1 row, {many} with 50"
    assert many <= 12


def test_person_page_shows_a_few_citations_per_role_and_links_to_the_rest(client, db, monkeypatch):
    from reading import careers as selectors
    from reading import people

    monkeypatch.setattr(selectors, "CITATIONS_SHOWN", 1)
    monkeypatch.setattr(selectors, "MENTIONS_SHOWN", 2)
    monkeypatch.setattr(people, "JSON_CITATIONS", 3)
    person = factories.person()
    article = factories.article(lines=[f"杨猛出任联席总经理,第{i}次。" for i in range(1, 5)])
    role = factories.role(person, "联席总经理", start_edtf="2017")
    for paragraph in article.paragraphs.all():
        factories.cite(paragraph, "联席总经理", role=role)
        factories.cite(paragraph, "杨猛", person=person)
    page = client.get(person.get_absolute_url()).content.decode()
    assert page.count('class="quote"') == 1
    assert f"/people/{person.slug}/roles/{role.pk}/" in page and f"/people/{person.slug}/mentions/" in page
    evidence = client.get(f"/people/{person.slug}/roles/{role.pk}/").content.decode()
    assert evidence.count('class="quote"') == 4
    data = client.get(f"/people/{person.slug}.json").json()["roles"][0]
    assert len(data["citations"]) == 3 and data["citation_count"] == 4
    assert data["citations_url"] == f"http://testserver/people/{person.slug}/roles/{role.pk}.json"
