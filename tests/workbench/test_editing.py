"""Re-target and resize an existing annotation; the role form pre-filled from a selection."""

import json

import pytest
from django.urls import reverse

from archive.models import Annotation
from tests import factories

pytestmark = pytest.mark.django_db


def url(name, article, *args):
    return reverse(f"workbench:{name}", args=[article.pk, *args])


def post(client, address, body):
    return client.post(address, json.dumps(body), content_type="application/json")


@pytest.fixture
def yang(db):
    return factories.person("杨猛")


def _mention(article, yang, status=Annotation.Status.DRAFT):
    # ¶3 "后来杨猛调任台州当区域经理。": 杨猛 at 2–4
    return factories.cite(article.paragraphs.get(position=3), "杨猛", status=status, person=yang)


def test_editor_extends_a_span_and_the_page_gets_the_paragraph_back(client, editor, article, yang):
    mention = _mention(article, yang)
    client.force_login(editor)
    response = post(client, url("span", article, mention.pk), {"version": 1, "start": 2, "end": 8})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["annotation"]["quote"], body["annotation"]["version"]) == ("杨猛调任台州", 2)
    paragraph = body["paragraphs"][0]
    assert paragraph["id"] == mention.paragraph_id and ">杨猛调任台州</mark>" in paragraph["html"]
    mention.refresh_from_db()
    assert (mention.start, mention.end, mention.prefix, mention.suffix[:2]) == (2, 8, "后来", "当区")
    assert mention.history.first().history_change_reason.startswith("span 2–4 → 2–8")
    assert mention.history.first().history_user == editor


def test_a_published_annotation_resized_by_an_editor_goes_back_to_draft(
    client, editor, reviewer, article, yang
):
    mention = _mention(article, yang, status=Annotation.Status.PUBLISHED)
    client.force_login(editor)
    assert (
        post(client, url("span", article, mention.pk), {"version": 1, "start": 2, "end": 3}).status_code
        == 200
    )
    mention.refresh_from_db()
    assert (mention.quote, mention.status) == ("杨", Annotation.Status.DRAFT)
    assert "sent back to draft from published" in mention.history.first().history_change_reason
    other = _mention(article, factories.person("王五"), status=Annotation.Status.PUBLISHED)
    client.force_login(reviewer)
    assert (
        post(client, url("span", article, other.pk), {"version": 1, "start": 2, "end": 8}).status_code == 200
    )
    other.refresh_from_db()
    assert other.status == Annotation.Status.PUBLISHED


def test_a_bad_or_stale_span_is_refused_and_changes_nothing(client, editor, article, yang):
    mention = _mention(article, yang)
    client.force_login(editor)
    outside = post(client, url("span", article, mention.pk), {"version": 1, "start": 2, "end": 99})
    assert outside.status_code == 400 and "outside the paragraph" in outside.json()["error"]
    backwards = post(client, url("span", article, mention.pk), {"version": 1, "start": 5, "end": 3})
    assert backwards.status_code == 400 and "end" in backwards.json()["error"]
    stale = post(client, url("span", article, mention.pk), {"version": 7, "start": 2, "end": 8})
    assert stale.status_code == 409
    mention.refresh_from_db()
    assert (mention.start, mention.end, mention.version) == (2, 4, 1)


def test_retarget_answers_with_the_re_marked_paragraph(client, editor, article, yang):
    mention = _mention(article, yang)
    other = factories.person("杨猛猛")
    client.force_login(editor)
    response = post(
        client, url("annotation", article, mention.pk), {"version": 1, "kind": "person", "person": other.pk}
    )
    assert response.status_code == 200, response.content
    assert response.json()["annotation"]["label"] == "杨猛猛"
    assert response.json()["paragraphs"][0]["annotations"][0]["target"] == other.pk
    mention.refresh_from_db()
    assert mention.person == other


def test_delete_answers_with_the_paragraph_without_the_mark(client, reviewer, article, yang):
    mention = _mention(article, yang)
    client.force_login(reviewer)
    response = post(client, url("delete", article, mention.pk), {"version": 1})
    assert response.status_code == 200
    assert "<mark" not in response.json()["paragraphs"][0]["html"]


def test_role_prefill_reads_title_organisation_and_date_from_the_selection(client, editor, article, yang):
    org = factories.organization("中国内贸事业部")
    first = article.paragraphs.get(position=1)  # 杨猛2002年加入阿里巴巴,现任中国内贸事业部(CBU)联席总经理。
    client.force_login(editor)
    answer = client.get(
        url("role-prefill", article), {"paragraph": first.pk, "start": 0, "end": len(first.text)}
    )
    assert answer.status_code == 200, answer.content
    data = answer.json()
    assert (data["person"], data["person_id"]) == ("杨猛", yang.pk)
    assert data["title"] == "联席总经理"
    assert (data["organization"], data["organization_id"]) == ("中国内贸事业部", org.pk)
    assert data["start_text"] == "2002年" and data["start_edtf"] == "2002"
    third = article.paragraphs.get(position=3)  # 后来杨猛调任台州当区域经理。 — no year in it
    loose = client.get(url("role-prefill", article), {"paragraph": third.pk, "start": 2, "end": 14}).json()
    assert loose["title"] == "区域经理" and loose["person"] == "杨猛"


def test_role_prefill_of_words_stating_nothing_is_empty_not_an_error(client, editor, article):
    client.force_login(editor)
    second = article.paragraphs.get(position=2)
    data = client.get(url("role-prefill", article), {"paragraph": second.pk, "start": 0, "end": 4}).json()
    assert data["title"] == "" and data["organization_id"] is None
    bad = client.get(url("role-prefill", article), {"paragraph": second.pk, "start": 0, "end": 999})
    assert bad.status_code == 400 and "outside the paragraph" in bad.json()["error"]


def test_the_new_endpoints_refuse_visitors_and_staff_without_permissions(client, make_user, article, yang):
    mention = _mention(article, yang)
    for who in (None, make_user("clerk")):
        if who:
            client.force_login(who)
        assert (
            post(client, url("span", article, mention.pk), {"version": 1, "start": 2, "end": 8}).status_code
            == 403
        )
        assert (
            client.get(url("role-prefill", article), {"paragraph": 1, "start": 0, "end": 2}).status_code
            == 403
        )
    mention.refresh_from_db()
    assert mention.end == 4


def test_the_editing_controls_speak_chinese(client, editor, article, settings):
    from django.utils import translation

    settings.LANGUAGE_CODE = "zh-hans"
    client.force_login(editor)
    with translation.override("zh-hans"):
        html = client.get(
            reverse("workbench:annotate", args=[article.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans"
        ).content
    html = html.decode()
    for words in (
        "起点提前一个字",
        "改用选中的文字",
        "从选中文字填写",
        "范围现为“%(quote)s”",
        "改为“新建标注”中选定的对象",
        "已接受：%(label)s",
    ):
        assert words in html, words


def test_resizing_onto_the_same_target_at_the_same_span_is_refused(client, editor, article, yang):
    second = article.paragraphs.get(position=2)  # 入职第三个月,杨猛成为…次年,他拿到…
    first = factories.cite(second, "杨猛", status=Annotation.Status.DRAFT, person=yang)
    other = factories.cite(second, "他", status=Annotation.Status.DRAFT, person=yang)
    client.force_login(editor)
    clash = post(
        client, url("span", article, other.pk), {"version": 1, "start": first.start, "end": first.end}
    )
    assert clash.status_code == 400 and "already annotated" in clash.json()["error"], clash.content
    other.refresh_from_db()
    assert (other.quote, other.version) == ("他", 1)


def test_retarget_onto_a_target_the_span_already_cites_is_refused_in_plain_words(
    client, editor, article, yang
):
    third = article.paragraphs.get(position=3)
    wang = factories.person("王五")
    mention = factories.cite(third, "杨猛", status=Annotation.Status.DRAFT, person=yang)
    factories.cite(third, "杨猛", status=Annotation.Status.DRAFT, person=wang)
    client.force_login(editor)
    clash = post(
        client, url("annotation", article, mention.pk), {"version": 1, "kind": "person", "person": wang.pk}
    )
    assert clash.status_code == 400 and "already annotated" in clash.json()["error"], clash.content
    mention.refresh_from_db()
    assert (mention.person, mention.version) == (yang, 1)
