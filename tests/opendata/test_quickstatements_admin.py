"""The QuickStatements button on a person's admin page: staff only, published claims only."""

import pytest
from django.urls import reverse

from archive.models import Annotation
from people.models import Person, Role

POSITIONS = {"联席总经理": "Q3004", "区域主管": "Q3002"}


@pytest.fixture
def yang(demo):
    Person.objects.filter(slug="yang-meng").update(wikidata_id="Q1001")
    return Person.objects.get(slug="yang-meng")


def url(person):
    return reverse("admin:people_person_quickstatements", args=[person.pk])


def download(client, person, positions):
    query = {"title": list(positions), "item": list(positions.values()), "download": "1"}
    return client.get(url(person), query)


def test_the_person_page_links_to_the_download(client, editor, yang):
    client.force_login(editor)
    page = client.get(reverse("admin:people_person_change", args=[yang.pk])).content.decode()
    assert f'href="{url(yang)}"' in page
    form = client.get(url(yang))
    assert form.status_code == 200
    for title in set(yang.roles.values_list("title", flat=True)):
        assert f'value="{title}"' in form.content.decode()


def test_the_download_is_the_commands_output_for_that_person(client, editor, yang):
    client.force_login(editor)
    response = download(client, yang, POSITIONS)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert 'filename="yang-meng-quickstatements.txt"' in response["Content-Disposition"]
    lines = [line.split("\t") for line in response.content.decode().splitlines()]
    assert len(lines) == 2
    assert {tuple(fields[:3]) for fields in lines} == {("Q1001", "P39", "Q3004"), ("Q1001", "P39", "Q3002")}
    assert all("S854" in fields and "S1683" in fields for fields in lines)
    assert int(response["X-QuickStatements-Skipped"]) == Role.objects.filter(person=yang).count() - 2


def test_a_role_without_published_evidence_is_left_out(client, editor, yang):
    client.force_login(editor)
    role = Role.objects.get(person=yang, title="区域主管")
    Annotation.objects.filter(role=role).update(status=Annotation.Status.DRAFT)
    lines = download(client, yang, POSITIONS).content.decode().splitlines()
    assert [line.split("\t")[2] for line in lines] == ["Q3004"]


def test_a_bad_item_is_shown_on_the_form_not_downloaded(client, editor, yang):
    client.force_login(editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = download(client, yang, {"联席总经理": "3004"})
    assert response.status_code == 200 and "Content-Disposition" not in response
    assert "A Wikidata item id is Q followed by a number" in response.content.decode()


def test_staff_only(client, make_user, yang):
    assert client.get(url(yang)).status_code == 302  # to the login page
    client.force_login(make_user("reader", staff=False))
    assert client.get(url(yang)).status_code == 302
    client.force_login(make_user("nobody"))  # staff, but in no group: cannot view people
    assert download(client, yang, POSITIONS).status_code == 403
    assert client.get(reverse("admin:people_person_quickstatements", args=[999999])).status_code == 404
