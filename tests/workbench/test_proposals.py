"""The curation assistant in the workbench: proposals, accept (all or nothing), reject, quick role."""

import json

import pytest
from django.urls import reverse

from archive.models import Annotation, Event, Paragraph
from people.models import Organization, Person, Role
from tests import factories
from workbench import proposing
from workbench.models import LexiconEntry, ProposalTally

pytestmark = pytest.mark.django_db
LINES = ["2005年,张小龙出任腾讯公司副总裁,负责微信团队。", "张小龙后来成为微信之父。"]


def url(name, article):
    return reverse(f"workbench:{name}", args=[article.pk])


def post(client, address, body):
    return client.post(address, json.dumps(body), content_type="application/json")


@pytest.fixture
def news(db):
    return factories.article(lines=LINES, edtf="2018")


@pytest.fixture
def editing(client, editor):
    client.force_login(editor)
    return client


def role_item(client, article):
    found = client.get(url("proposals", article)).json()
    items = [i for g in found["groups"] for i in g["items"]]
    return found, next(i for i in items if i["kind"] == "role" and i["claim"]["person"] == "张小龙")


def test_proposals_are_grouped_by_person_with_their_role_and_placed_evidence(editing, news):
    found, role = role_item(editing, news)
    group = next(g for g in found["groups"] if g["label"] == "张小龙")
    assert [i["kind"] for i in group["items"]][:2] == ["person", "role"]
    assert role["claim"]["title"] == "副总裁" and role["claim"]["start"] == "2005"
    evidence = role["evidence"][0]
    paragraph = Paragraph.objects.get(pk=evidence["paragraph_id"])
    assert paragraph.text[evidence["start"] : evidence["end"]] == evidence["quote"]
    assert ProposalTally.objects.get(article=news).waiting == found["count"] > 0


def test_accepting_a_role_creates_person_organisation_role_and_a_draft_citation_with_history(
    editing, editor, news
):
    _found, item = role_item(editing, news)
    response = post(
        editing, url("proposal-accept", news), {"kind": "role", **item, "proposed": item["claim"]}
    )
    assert response.status_code == 201, response.content
    role = Role.objects.get(person__name="张小龙", title="副总裁")
    assert role.organization.name == item["claim"]["organization"] and role.start_edtf == "2005"
    cited = Annotation.objects.get(role=role)
    assert (cited.status, cited.editor, cited.quote) == ("draft", editor, item["evidence"][0]["quote"])
    for record in (cited, role, role.person, role.organization):
        last = record.history.first()
        assert (last.history_change_reason, last.history_user) == ("accepted proposal", editor)
    assert response.json()["annotations"]["paragraphs"][0]["html"].count("<mark") >= 1
    assert LexiconEntry.objects.filter(kind="title", text="副总裁").exists()
    again = [i for g in editing.get(url("proposals", news)).json()["groups"] for i in g["items"]]
    assert not any(i["kind"] == "role" and i["claim"]["title"] == "副总裁" for i in again)


def test_accepting_twice_or_onto_existing_records_reuses_them_without_a_constraint_error(editing, news):
    person = factories.person("张小龙")
    _found, item = role_item(editing, news)
    org = factories.organization(item["claim"]["organization"])
    existing = factories.role(person, title="副总裁", org=org, start_edtf="2005")
    for _ in range(2):
        assert post(editing, url("proposal-accept", news), {"kind": "role", **item}).status_code == 201
    assert Role.objects.filter(person=person).get() == existing
    assert Annotation.objects.filter(role=existing).count() == 1
    assert Person.objects.filter(name="张小龙").count() == 1


def test_accept_is_all_or_nothing_when_one_evidence_span_is_stale(editing, news):
    _found, item = role_item(editing, news)
    bad = {**item["evidence"][0], "quote": "不在这里"}
    response = post(
        editing,
        url("proposal-accept", news),
        {"kind": "role", "claim": item["claim"], "evidence": [item["evidence"][0], bad]},
    )
    assert response.status_code == 400 and "error" in response.json()
    assert not Person.objects.filter(name="张小龙").exists()
    assert not Annotation.objects.exists() and not Organization.objects.exists()


def test_a_corrected_name_is_accepted_and_the_proposed_string_learned_as_an_alias(editing, news):
    _found, item = role_item(editing, news)
    claim = {**item["claim"], "person": "张小龙(Allen)"}
    response = post(
        editing,
        url("proposal-accept", news),
        {"kind": "role", "claim": claim, "evidence": item["evidence"], "proposed": item["claim"]},
    )
    assert response.status_code == 201
    assert LexiconEntry.objects.filter(kind="person_alias", text="张小龙", target="张小龙(Allen)").exists()
    assert "张小龙" in proposing.archive_lexicon().people["张小龙(Allen)"]


def test_rejected_person_is_not_proposed_again(editing, news):
    found = editing.get(url("proposals", news)).json()
    person = next(i for g in found["groups"] for i in g["items"] if i["kind"] == "person")
    assert (
        post(editing, url("proposal-reject", news), {"kind": "person", "claim": person["claim"]}).status_code
        == 200
    )
    assert LexiconEntry.objects.filter(
        kind="rejected", text=person["claim"]["name"], target="person"
    ).exists()
    again = editing.get(url("proposals", news)).json()
    assert not any(
        i["kind"] == "person" and i["claim"]["name"] == person["claim"]["name"]
        for g in again["groups"]
        for i in g["items"]
    )


def test_quick_line_creates_or_reuses_the_role_cited_on_the_selection(editing, article):
    paragraph = article.paragraphs.get(position=3)  # 后来杨猛调任台州当区域经理。
    body = {"line": "杨猛 区域经理 台州", "paragraph": paragraph.pk, "start": 2, "end": 13}
    first = post(editing, url("quick-role", article), body)
    assert first.status_code == 201, first.content
    role = Role.objects.get(person__name="杨猛", title="区域经理")
    assert (role.place, role.organization) == ("台州", None)
    assert Annotation.objects.get(role=role).quote == paragraph.text[2:13]
    assert post(editing, url("quick-role", article), body).status_code == 201
    assert Role.objects.count() == 1 and Annotation.objects.count() == 1


def test_quick_line_without_a_title_is_a_one_line_error(editing, article):
    paragraph = article.paragraphs.get(position=3)
    response = post(
        editing, url("quick-role", article), {"line": "杨猛", "paragraph": paragraph.pk, "start": 0, "end": 2}
    )
    assert response.status_code == 400 and "title" in response.json()["error"]


def test_an_article_without_names_gives_no_proposals_and_no_error(editing):
    quiet = factories.article(lines=["今天天气很好,风也不大。", "大家都出去走走。"])
    found = editing.get(url("proposals", quiet)).json()
    assert (found["count"], found["groups"]) == (0, []), found


def test_a_failing_engine_gives_a_notice_and_saving_by_hand_still_works(editing, article, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("model file missing")

    monkeypatch.setattr(proposing, "propose", broken)
    found = editing.get(url("proposals", article))
    assert found.status_code == 200 and found.json()["count"] == 0
    assert "annotate by hand" in found.json()["notices"][0]
    assert editing.get(reverse("workbench:annotate", args=[article.pk])).status_code == 200
    paragraph = article.paragraphs.get(position=3)
    person = factories.person("杨猛")
    saved = post(
        editing,
        url("annotations", article),
        {
            "kind": "person",
            "person": person.pk,
            "paragraph": paragraph.pk,
            "paragraph_version": 1,
            "start": 2,
            "end": 4,
        },
    )
    assert saved.status_code == 201


def test_accepting_an_event_links_its_participants(editing, editor):
    launch = factories.article(lines=["2011年1月21日,张小龙带领团队推出微信。"], edtf="2012")
    found = editing.get(url("proposals", launch)).json()
    event = next(i for g in found["groups"] for i in g["items"] if i["kind"] == "event")
    assert post(editing, url("proposal-accept", launch), {"kind": "event", **event}).status_code == 201
    created = Event.objects.get()
    assert created.date_edtf == event["claim"]["date"]
    assert Annotation.objects.get(event=created).editor == editor
