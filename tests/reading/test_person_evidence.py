"""What a career page leaves out is a page away: a role's evidence and a person's mentions, paged.

The role's page lists every sentence citing it, the clearest first (the ranking of
reading/ranking.py), with reprint copies folded under their original; the mentions page lists every
public mention, originals first. Both answer in JSON in the list envelope, and only for public
records: another person's role, a role nobody cites publicly, a page out of range are 404s.
"""

import pytest

from archive.models import Annotation
from archive.services.annotations import annotations_set_status
from reading import people
from tests import factories


@pytest.fixture
def career(db, monkeypatch):
    """A person with a role cited by five sentences (one states it: the clearest) and mentioned five times."""
    monkeypatch.setattr(people, "PAGE_SIZE", 2)
    person = factories.person()
    lines = ["杨猛很忙。", "杨猛又很忙。", "2002年杨猛出任联席总经理。", "杨猛还很忙。", "杨猛总是很忙。"]
    article = factories.article(lines=lines)
    role = factories.role(person, "联席总经理", start_edtf="2002")
    cited = []
    for paragraph in article.paragraphs.order_by("position"):
        cited.append(factories.cite(paragraph, paragraph.text.rstrip("。"), role=role))
        factories.cite(paragraph, "杨猛", person=person)
    return {"person": person, "role": role, "cited": cited, "article": article}


def test_a_roles_evidence_pages_through_every_sentence_clearest_first(client, career):
    person, role, cited = career["person"], career["role"], career["cited"]
    base = f"/people/{person.slug}/roles/{role.pk}"
    first = client.get(f"{base}/").content.decode()
    assert cited[2].quote in first and first.index(cited[2].quote) < first.index(cited[0].quote)
    assert 'rel="next" href="?page=2"' in first and 'rel="prev"' not in first
    pages = [client.get(f"{base}.json", {"page": n}).json() for n in (1, 2, 3)]
    quotes = [c["quote"] for data in pages for c in data["results"]]
    assert quotes == [cited[2].quote, *(a.quote for a in cited if a != cited[2])]
    assert pages[0]["count"] == 5 and pages[0]["num_pages"] == 3 and pages[2]["next"] is None
    assert pages[1]["role"]["title"] == "联席总经理" and pages[1]["role"]["person"]["slug"] == person.slug


def test_a_persons_mentions_page_through_originals_first(client, career):
    person = career["person"]
    data = [client.get(f"/people/{person.slug}/mentions.json", {"page": n}).json() for n in (1, 2, 3)]
    assert [m["paragraph"] for page in data for m in page["results"]] == [1, 2, 3, 4, 5]
    assert data[0]["person"]["slug"] == person.slug and data[0]["count"] == 5
    page = client.get(f"/people/{person.slug}/mentions/", {"page": 2}).content.decode()
    assert page.count('class="para-link"') == 2 and "?page=3" in page and "?page=1" in page


@pytest.mark.parametrize("query", ["?page=4", "?page=0", "?page=x", "?page=-1"])
def test_a_page_out_of_range_is_not_found(client, career, query):
    person, role = career["person"], career["role"]
    assert client.get(f"/people/{person.slug}/roles/{role.pk}/{query}").status_code == 404
    response = client.get(f"/people/{person.slug}/mentions.json{query}")
    assert response.status_code == 404 and response.json() == {"error": "not found"}


def test_only_public_roles_of_the_person_have_a_page(client, career):
    person, role = career["person"], career["role"]
    other = factories.person("马云")
    assert client.get(f"/people/{other.slug}/roles/{role.pk}/").status_code == 404
    uncited = factories.role(person, "总裁")
    assert client.get(f"/people/{person.slug}/roles/{uncited.pk}/").status_code == 404
    annotations_set_status(queryset=Annotation.objects.filter(role=role), status=Annotation.Status.DRAFT)
    assert client.get(f"/people/{person.slug}/roles/{role.pk}.json").status_code == 404


def test_a_reprint_copy_is_folded_under_its_original_on_the_role_page(client, career):
    person, role, article = career["person"], career["role"], career["article"]
    copy = factories.article(lines=["2002年杨猛出任联席总经理！"], reprint_of=article)
    reprinted = factories.cite(copy.paragraphs.get(), "2002年杨猛出任联席总经理", role=role)
    page = client.get(f"/people/{person.slug}/roles/{role.pk}/").content.decode()
    assert f"?hl={reprinted.pk}" in page.split('class="copies"')[1]
    assert client.get(f"/people/{person.slug}/roles/{role.pk}.json").json()["count"] == 5
