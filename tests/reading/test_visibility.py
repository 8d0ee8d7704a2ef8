"""Only published annotations on published articles, and the records they cite, reach readers."""

import pytest

from archive.models import Annotation
from tests import factories

DRAFT = Annotation.Status.DRAFT
REVIEWED = Annotation.Status.REVIEWED

PAGES = [
    "/",
    "/people/",
    "/people.json",
    "/events/",
    "/events.json",
    "/articles/",
    "/articles.json",
    "/search/?q=杨猛",
    "/search.json?q=台州",
]


@pytest.fixture
def archive(db):
    """A published article citing one role and one event, and unpublished evidence beside it."""
    published = factories.article(title="公开文章")
    hidden = factories.article(
        title="隐藏文章", published=False, lines=["杨猛秘密出任隐秘职务。", "秘密事件发生。"]
    )
    person = factories.person()
    org = factories.organization()
    public_role = factories.role(
        person, "区域主管", org, start_edtf="2003-09~", start_text="入职1年零5个月后"
    )
    draft_role = factories.role(person, "草稿职务", org)
    hidden_role = factories.role(person, "隐秘职务", org)
    public_event = factories.event("杨猛拿到全国月度TOP3", "2003")
    hidden_event = factories.event("秘密事件", "2005")
    first, second, third = published.paragraphs.order_by("position")
    factories.cite(second, "升成区域主管", role=public_role)
    factories.cite(second, "次年,他拿到全国月度TOP3", event=public_event)
    factories.cite(third, "后来杨猛调任台州当区域经理", status=REVIEWED, role=draft_role)
    factories.cite(first, "杨猛", status=DRAFT, person=person)
    hidden_first, hidden_second = hidden.paragraphs.order_by("position")
    factories.cite(hidden_first, "隐秘职务", role=hidden_role)
    factories.cite(hidden_second, "秘密事件", event=hidden_event)
    return {"person": person, "org": org, "hidden": hidden}


def texts(client, urls):
    return "".join(client.get(url).content.decode() for url in urls)


def test_unpublished_article_role_event_and_annotation_never_shown(client, archive):
    urls = [
        *PAGES,
        "/people/yang-meng/",
        "/people/yang-meng.json",
        f"/organizations/{archive['org'].slug}/",
        f"/articles/{archive['org'].slug}/",
    ]
    content = texts(client, urls) + client.get("/people/yang-meng.json").content.decode(
        "unicode_escape", "ignore"
    )
    for secret in ("隐藏文章", "隐秘职务", "秘密事件", "草稿职务"):
        assert secret not in content
    assert "区域主管" in content and "TOP3" in content


def test_unpublished_article_page_is_not_found(client, archive):
    assert client.get(f"/articles/{archive['hidden'].slug}/").status_code == 404
    assert client.get(f"/articles/{archive['hidden'].slug}.json").status_code == 404


def test_draft_annotation_is_not_highlighted_on_the_article(client, archive):
    annotation = Annotation.objects.get(status=DRAFT)
    html = client.get(annotation.paragraph.article.get_absolute_url()).content.decode()
    assert f'data-annotations="{annotation.pk}"' not in html
    data = client.get(annotation.paragraph.article.get_absolute_url().rstrip("/") + ".json").json()
    ids = [a["id"] for p in data["paragraphs"] for a in p["annotations"]]
    assert annotation.pk not in ids and len(ids) == 2


def test_person_cited_only_by_unpublished_evidence_is_not_found(client, db):
    article = factories.article(published=False)
    person = factories.person("王明")
    factories.cite(article.paragraphs.first(), "杨猛", person=person)
    assert client.get(f"/people/{person.slug}/").status_code == 404
    assert client.get("/people.json").json()["count"] == 0
    article.is_published = True
    article.save()
    assert client.get(f"/people/{person.slug}/").status_code == 200


def test_a_parent_organisation_nobody_cites_is_never_named(client, db):
    """A unit's page, JSON, schema.org data and the list name its parent only when it is public."""
    parent = factories.organization("秘密控股集团")
    unit = factories.organization("中国内贸事业部", parent=parent)
    person = factories.person()
    factories.cite(
        factories.article().paragraphs.first(), "联席总经理", role=factories.role(person, org=unit)
    )
    pages = [
        unit.get_absolute_url(),
        f"/organizations/{unit.slug}.json",
        "/organizations/",
        "/organizations.json",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "秘密控股集团" not in response.content.decode(), url
    assert client.get(f"/organizations/{unit.slug}.json").json()["parent"] is None
    assert client.get(parent.get_absolute_url()).status_code == 404
    # Once public evidence cites the parent, it is named and linked.
    factories.cite(
        factories.article(lines=["秘密控股集团成立。"]).paragraphs.first(),
        "秘密控股集团",
        organization=parent,
    )
    for url in pages[:3]:
        assert "秘密控股集团" in client.get(url).content.decode(), url
    assert parent.get_absolute_url() in client.get(unit.get_absolute_url()).content.decode()
