"""Every page of the public URL contract answers on the demo archive, JSON views carry the contract's fields."""

import pytest

from archive import public
from people.models import Person

PAGES = [
    "/",
    "/people/",
    "/people/yang-meng/",
    "/events/",
    "/articles/",
    "/articles/alibaba-b2b-18-years/",
    "/articles/alibaba-b2b-18-years-reprint-qingyun/",
    "/organizations/cbu/",
    "/search/?q=杨猛",
    "/people/?q=ma+yun&organization=cbu&title=总经理&year=2017",
    "/events/?year=2003&person=yang-meng",
]


@pytest.mark.parametrize("url", PAGES)
def test_contract_page_answers_200(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_people_json_has_contract_fields(client, demo):
    data = client.get("/people.json", {"q": "ma yun"}).json()
    assert set(data) >= {"count", "results"}
    assert data["count"] == 1
    assert set(data["results"][0]) >= {"name", "slug", "aliases", "url"}
    assert data["results"][0]["slug"] == "ma-yun"


def test_person_json_lists_yang_meng_career_in_order_with_years(client, demo):
    data = client.get("/people/yang-meng.json").json()
    assert data["person"]["name"] == "杨猛" and set(data["person"]) >= {"name", "slug", "aliases"}
    roles = data["roles"]
    expected = list(
        public.roles().filter(person__slug="yang-meng").career_order().values_list("title", flat=True)
    )
    assert [r["title"] for r in roles] == expected
    assert [r["title"] for r in roles][:2] == ["中供销售", "区域主管"]
    for role in roles:
        assert set(role) >= {
            "title",
            "organization",
            "start",
            "end",
            "start_text",
            "end_text",
            "current",
            "citations",
        }
        assert role["citations"] and set(role["citations"][0]) >= {"article", "paragraph", "quote"}
    assert roles[0]["start"] == "2002-04-01" and roles[1]["start"].startswith("2003")
    assert roles[-1]["current"] is True
    assert data["events"] and set(data["events"][0]) >= {"title", "date", "date_text", "citations"}


def test_events_json_filters_and_fields(client, demo):
    data = client.get("/events.json", {"year": 2002, "person": "yang-meng"}).json()
    assert data["count"] == len(data["results"]) > 0
    for event in data["results"]:
        assert set(event) >= {"title", "date", "date_text", "participants", "organizations", "citations"}
        assert "yang-meng" in [p["slug"] for p in event["participants"]]
        assert "2002" in event["date"]


def test_articles_json_fields(client, demo):
    data = client.get("/articles.json").json()
    assert data["count"] == 2
    by_slug = {a["slug"]: a for a in data["results"]}
    assert set(by_slug["alibaba-b2b-18-years"]) >= {
        "title",
        "slug",
        "outlet",
        "published",
        "reprint_of",
        "url",
    }
    assert by_slug["alibaba-b2b-18-years-reprint-qingyun"]["reprint_of"] == "alibaba-b2b-18-years"


def test_article_json_paragraphs(client, demo):
    data = client.get("/articles/alibaba-b2b-18-years-reprint-qingyun.json").json()
    assert data["article"]["reprint_of"] == "alibaba-b2b-18-years"
    paragraph = data["paragraphs"][0]
    assert set(paragraph) >= {"position", "kind", "text", "aligned_to"}
    assert [p["position"] for p in data["paragraphs"]] == list(range(1, len(data["paragraphs"]) + 1))
    assert data["paragraphs"][0]["kind"] == "metadata"


def test_article_page_sets_apart_headings_and_captions(client, demo):
    html = client.get("/articles/alibaba-b2b-18-years/").content.decode()
    assert '<h2 class="para heading" id="p-15">' in html
    assert '<p class="para set caption" id="p-25"' in html
    assert '<p class="para body" id="p-26">' in html
    assert '<mark class="ann' in html


def test_article_copies_listed_on_the_original(client, demo):
    html = client.get("/articles/alibaba-b2b-18-years/").content.decode()
    assert 'href="/articles/alibaba-b2b-18-years-reprint-qingyun/"' in html


def test_citation_link_highlights_the_cited_span(client, demo):
    role = public.roles().filter(person__slug="yang-meng", title="区域主管").get()
    citation = role.annotations.evidence().order_by("paragraph__article__reprint_of", "pk").first()
    person_html = client.get("/people/yang-meng/").content.decode()
    link = f"/articles/{citation.paragraph.article.slug}/?hl={citation.pk}#p-{citation.paragraph.position}"
    assert link in person_html
    html = client.get(link.split("#")[0]).content.decode()
    assert f'class="ann ann-role cited" id="a-{citation.pk}"' in html


def test_person_page_has_safe_json_ld(client, demo):
    person = Person.objects.get(slug="yang-meng")
    person.description = "</script><script>alert(1)</script>"
    person.save()
    html = client.get("/people/yang-meng/").content.decode()
    assert '<script type="application/ld+json">' in html
    assert "</script><script>alert(1)" not in html
    assert '"@type": "OrganizationRole"' in html and '"roleName"' in html


def test_person_page_marks_undated_roles_and_keeps_date_precision(client, demo):
    html = client.get("/people/yang-meng/").content.decode()
    assert "step undated" in html  # 台州区域经理 has no date; placed by sequence
    assert "2003年9月前后" in html  # 2003-09~: a month, approximately
    assert "2003-09-30" not in html and "2003-09-01" not in html
