"""The workbench page and JSON endpoints: permissions, CSRF, JSON errors, conflicts."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from archive.models import Annotation
from tests import factories

pytestmark = pytest.mark.django_db
PREFIX = "workbench:annotate"
GET_ENDPOINTS = ["annotations", "people", "organizations", "events", "roles", "dates"]
POST_ENDPOINTS = ["annotations", "people", "roles", "events", "generate", "accept", "reject"]


def url(name, article, *args):
    return reverse(f"workbench:{name}" if name else PREFIX, args=[article.pk, *args])


def post(client, address, body):
    return client.post(address, json.dumps(body), content_type="application/json")


def every_endpoint(article, annotation_id):
    yield from (("get", url(n, article)) for n in GET_ENDPOINTS)
    yield from (("post", url(n, article)) for n in POST_ENDPOINTS)
    yield ("post", url("annotation", article, annotation_id))
    yield ("post", url("delete", article, annotation_id))


@pytest.fixture
def yang(db):
    return factories.person("杨猛")


@pytest.fixture
def mention(article, yang):
    return factories.cite(
        article.paragraphs.get(position=3), "杨猛", status=Annotation.Status.DRAFT, person=yang
    )


def test_anonymous_visitor_is_sent_to_login_from_the_page_and_refused_by_every_endpoint(
    client, article, mention
):
    page = client.get(url(None, article))
    assert page.status_code == 302 and reverse("admin:login") in page["Location"]
    for method, address in every_endpoint(article, mention.pk):
        response = getattr(client, method)(address)
        assert response.status_code == 403 and "error" in response.json(), address


def test_non_staff_user_is_refused_everywhere(client, make_user, article, mention):
    client.force_login(make_user("reader", "Editors", staff=False))
    assert client.get(url(None, article)).status_code == 302
    for method, address in every_endpoint(article, mention.pk):
        assert getattr(client, method)(address).status_code == 403, address


def test_staff_without_permissions_is_refused_everywhere(client, make_user, article, mention):
    client.force_login(make_user("clerk"))
    assert client.get(url(None, article)).status_code == 403
    for method, address in every_endpoint(article, mention.pk):
        response = getattr(client, method)(address)
        assert response.status_code == 403 and "permission" in response.json()["error"], address
    assert Annotation.objects.count() == 1


def test_editor_may_not_delete_but_reviewer_may(client, editor, reviewer, article, mention):
    client.force_login(editor)
    assert post(client, url("delete", article, mention.pk), {"version": 1}).status_code == 403
    client.force_login(reviewer)
    assert post(client, url("delete", article, mention.pk), {"version": 1}).status_code == 200
    assert not Annotation.objects.exists()


def test_editor_opens_the_page_with_highlights(client, editor, article, mention):
    client.force_login(editor)
    html = client.get(url(None, article)).content.decode()
    assert 'data-paragraph-id="%d"' % mention.paragraph_id in html
    assert f'data-ids="{mention.pk}"' in html and ">杨猛</mark>调任台州" in html
    assert "次年 = 2003: the year after 2002" in html  # date phrases with how each was resolved


def test_editor_creates_a_person_mention_on_a_span(client, editor, article, yang):
    paragraph = article.paragraphs.get(position=2)
    client.force_login(editor)
    response = post(
        client,
        url("annotations", article),
        {
            "kind": "person",
            "person": yang.pk,
            "paragraph": paragraph.pk,
            "paragraph_version": 1,
            "start": 7,
            "end": 9,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()["annotation"]
    assert (body["quote"], body["status"], body["label"]) == ("杨猛", "draft", "杨猛")
    assert Annotation.objects.get().editor == editor


def test_bad_input_gets_a_json_error_naming_the_field_and_writes_nothing(client, editor, article, yang):
    paragraph = article.paragraphs.get(position=2)
    client.force_login(editor)
    response = post(
        client,
        url("annotations", article),
        {"kind": "person", "paragraph": paragraph.pk, "paragraph_version": 1, "start": 7, "end": 9},
    )
    assert response.status_code == 400 and "person" in response.json()["error"]
    response = client.post(url("annotations", article), "{not json", content_type="application/json")
    assert response.status_code == 400 and "JSON" in response.json()["error"]
    other = factories.article()
    response = post(
        client,
        url("annotations", other),
        {
            "kind": "person",
            "person": yang.pk,
            "paragraph": paragraph.pk,
            "paragraph_version": 1,
            "start": 7,
            "end": 9,
        },
    )
    assert response.status_code == 400 and "not part of this article" in response.json()["error"]
    assert not Annotation.objects.exists()


def test_endpoints_refuse_a_post_without_csrf_token(editor, article, mention):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = post(client, url("annotation", article, mention.pk), {"version": 1, "comment": "x"})
    assert response.status_code == 403
    mention.refresh_from_db()
    assert mention.comment == ""


def test_second_save_through_the_endpoint_gets_409_and_the_first_is_kept(
    client, editor, reviewer, article, mention
):
    client.force_login(reviewer)
    assert (
        post(client, url("annotation", article, mention.pk), {"version": 1, "comment": "first"}).status_code
        == 200
    )
    client.force_login(editor)
    response = post(client, url("annotation", article, mention.pk), {"version": 1, "comment": "second"})
    assert response.status_code == 409 and "rev" in response.json()["error"]
    mention.refresh_from_db()
    assert mention.comment == "first"


def test_editor_cannot_publish_through_the_endpoint(client, editor, reviewer, article, mention):
    client.force_login(editor)
    response = post(client, url("annotation", article, mention.pk), {"version": 1, "status": "published"})
    assert response.status_code == 403 and "reviewers" in response.json()["error"].lower()
    client.force_login(reviewer)
    assert (
        post(
            client, url("annotation", article, mention.pk), {"version": 1, "status": "published"}
        ).status_code
        == 200
    )
    assert Annotation.objects.public().count() == 1


def test_people_search_finds_by_pinyin_and_creates_a_person(client, editor, article, yang):
    client.force_login(editor)
    assert [p["name"] for p in client.get(url("people", article), {"q": "yang meng"}).json()["results"]] == [
        "杨猛"
    ]
    response = post(client, url("people", article), {"name": "汪海", "alias": "海哥"})
    assert response.status_code == 201 and response.json()["person"]["aliases"] == ["海哥"]


def test_role_is_created_and_listed_for_its_person(client, editor, article, yang):
    org = factories.organization("中国内贸事业部")
    client.force_login(editor)
    response = post(
        client,
        url("roles", article),
        {
            "person": yang.pk,
            "title": "区域经理",
            "organization": org.pk,
            "start_text": "2004年",
            "start_edtf": "2004",
        },
    )
    assert response.status_code == 201, response.content
    assert [r["title"] for r in client.get(url("roles", article), {"person": yang.pk}).json()["results"]] == [
        "区域经理"
    ]
    bad = post(client, url("roles", article), {"person": yang.pk, "title": "x", "start_edtf": "2004年"})
    assert bad.status_code == 400 and "EDTF" in bad.json()["error"]


def test_date_phrase_is_resolved_against_the_narrative_before_the_selection(client, editor, article):
    paragraph = article.paragraphs.get(position=2)  # ¶1 says 2002年
    client.force_login(editor)
    found = client.get(
        url("dates", article), {"phrase": "次年", "paragraph": paragraph.pk, "offset": 10}
    ).json()
    assert found["edtf"] == "2003" and "2002" in found["resolution"]
    assert client.get(url("dates", article), {"phrase": "不是日期"}).status_code == 400


def test_suggestions_are_generated_accepted_and_rejected_through_endpoints(client, editor, article, yang):
    client.force_login(editor)
    assert post(client, url("generate", article), {}).json() == {"created": 3}
    first, second, third = Annotation.objects.order_by("pk")
    accepted = post(client, url("accept", article), {"ids": [first.pk]}).json()
    assert accepted["accepted"] == 1
    # The answer re-marks the paragraph in place: the accepted mark is a draft now.
    [paragraph] = accepted["paragraphs"]
    assert paragraph["id"] == first.paragraph_id and "wb-status-draft" in paragraph["html"]
    rejected = post(client, url("reject", article), {"ids": [second.pk, third.pk]}).json()
    assert rejected["rejected"] == 2
    assert {p["id"] for p in rejected["paragraphs"]} == {second.paragraph_id, third.paragraph_id}
    assert all(a["id"] not in (second.pk, third.pk) for p in rejected["paragraphs"] for a in p["annotations"])
    response = post(client, url("accept", article), {"ids": [second.pk]})
    assert response.status_code == 400
    assert list(Annotation.objects.values_list("status", flat=True)) == ["draft"]
