"""Changelists of the big tables: a fixed number of queries however many rows, no list of every
article, searches that reach targets by id, counts bounded when a filter or search matches many,
and the article's paragraphs edited twenty at a time."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from archive.models import Annotation, Paragraph
from core import paginators
from people.models import Alias
from tests import factories

pytestmark = pytest.mark.django_db
Status = Annotation.Status


@pytest.fixture(autouse=True)
def english(settings):
    """Check the wording in English: the site defaults to Chinese."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def curated(n):
    """Return an article citing its own person, role, organisation and a note; n tells them apart."""
    article = factories.article(title=f"文章{n}", outlet=f"报{n % 3}")
    person = factories.person(f"杨猛{n}")
    unit = factories.organization(f"中国内贸事业部{n}")
    role = factories.role(person, title=f"区域经理{n}", org=unit)
    first, second, third = article.paragraphs.order_by("position")
    factories.cite(third, "杨猛", status=Status.DRAFT, person=person)
    factories.cite(third, "区域经理", status=Status.PUBLISHED, role=role)
    factories.cite(first, "中国内贸事业部", status=Status.SUGGESTED, organization=unit)
    factories.cite(second, "次年", status=Status.DRAFT, body=f"笔记{n}")
    return article


def changelist(name):
    return reverse(f"admin:{name}_changelist")


def queries(client, url, query=None):
    client.get(url, query)  # warm-up: session, permissions, content types
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, query)
    assert response.status_code == 200
    return len(captured)


LISTS = [
    ("archive_annotation", {}),
    ("archive_annotation", {"status__exact": "draft"}),
    ("archive_annotation", {"q": "杨猛"}),
    ("archive_annotation", {"orphaned__exact": "0", "q": "Jack"}),
    ("archive_paragraph", {}),
    ("archive_paragraph", {"q": "杨猛"}),
    ("archive_article", {}),
    ("archive_article", {"q": "文章"}),
    ("people_person", {}),
    ("people_role", {}),
    ("people_role", {"q": "经理"}),
]


@pytest.mark.parametrize("name, query", LISTS, ids=lambda v: str(v))
def test_changelist_queries_do_not_grow_with_the_rows(client, make_user, name, query):
    superuser = make_user("boss", superuser=True)
    curated(0)
    client.force_login(superuser)
    one = queries(client, changelist(name), query)
    for n in range(1, 12):
        curated(n)
    assert queries(client, changelist(name), query) == one


def test_annotation_search_reaches_quote_note_and_every_kind_of_target(client, editor):
    article = curated(1)
    yang = Annotation.objects.get(person__isnull=False)
    jack = factories.person("马云")
    Alias.objects.create(person=jack, name="Jack Ma")
    named = factories.cite(article.paragraphs.get(position=1), "杨猛", status=Status.DRAFT, person=jack)
    client.force_login(editor)

    def found(term):
        response = client.get(changelist("archive_annotation"), {"q": term})
        return {a.pk for a in response.context["cl"].result_list}

    assert found("杨猛") == {yang.pk, named.pk}  # the quote
    assert found("马云") == {named.pk}  # the person's name, not in the quote
    assert found("区域经理1") == set(
        Annotation.objects.filter(role__isnull=False).values_list("pk", flat=True)
    )
    assert found("内贸事业部1") == set(
        Annotation.objects.filter(organization__isnull=False).values_list("pk", flat=True)
    )
    assert found("笔记1") == set(Annotation.objects.exclude(body="").values_list("pk", flat=True))
    assert found("杨猛 马云") == {named.pk}  # every word must match
    assert found("没有这个") == set()


def test_a_latin_word_is_found_whatever_its_case(client, editor):
    article = factories.article(lines=["Jack Ma founded Alibaba in 1999."])
    mention = factories.cite(
        article.paragraphs.get(), "Jack Ma", status=Status.DRAFT, person=factories.person()
    )
    client.force_login(editor)
    response = client.get(changelist("archive_annotation"), {"q": "jack"})
    assert [a.pk for a in response.context["cl"].result_list] == [mention.pk]


def test_annotations_are_listed_newest_first_and_sort_by_no_column(client, editor):
    curated(1)
    client.force_login(editor)
    response = client.get(changelist("archive_annotation"))
    listed = [a.pk for a in response.context["cl"].result_list]
    assert listed == sorted(listed, reverse=True)
    assert "sortable" not in response.content.decode().split('id="result_list"', 1)[1].split("</thead>")[0]


def test_a_list_matching_more_than_it_counts_says_more_than(client, editor, monkeypatch):
    monkeypatch.setattr(paginators, "LISTED_AT_MOST", 3)
    for n in range(3):
        curated(n)
    client.force_login(editor)
    response = client.get(changelist("archive_annotation"), {"status__exact": "draft"})  # 6 drafts
    html = response.content.decode()
    assert "More than 3 annotations" in html and "more than 3 results" in html
    drafts = Annotation.objects.filter(status=Status.DRAFT).order_by("-pk").values_list("pk", flat=True)
    assert [a.pk for a in response.context["cl"].result_list] == list(drafts[:3])
    searched = client.get(changelist("archive_annotation"), {"q": "杨猛"}).content.decode()
    assert "more than 3 results" not in searched  # 3 match: counted exactly
    assert "3 results" in searched


def test_the_article_filter_lists_only_the_article_chosen(client, editor):
    chosen, other = curated(1), curated(2)
    client.force_login(editor)
    unfiltered = client.get(changelist("archive_annotation")).content.decode()
    assert other.title not in unfiltered.split('id="changelist-filter"', 1)[1]
    response = client.get(changelist("archive_annotation"), {"paragraph__article__id__exact": chosen.pk})
    sidebar = response.content.decode().split('id="changelist-filter"', 1)[1]
    assert chosen.title in sidebar and other.title not in sidebar
    assert {a.paragraph.article_id for a in response.context["cl"].result_list} == {chosen.pk}
    paragraphs = client.get(changelist("archive_paragraph"), {"article__id__exact": other.pk})
    assert [p.position for p in paragraphs.context["cl"].result_list] == [1, 2, 3]


def test_the_outlet_filter_lists_the_busiest_outlets(client, editor, monkeypatch):
    from archive import admin_lists

    monkeypatch.setattr(admin_lists, "OUTLETS_LISTED", 2)
    for n, outlet in enumerate(["甲报", "甲报", "甲报", "乙报", "乙报", "丙报"]):
        factories.article(title=f"文{n}", outlet=outlet)
    client.force_login(editor)
    sidebar = client.get(changelist("archive_article")).content.decode().split('id="changelist-filter"', 1)[1]
    assert "甲报" in sidebar and "乙报" in sidebar and "丙报" not in sidebar
    chosen = client.get(changelist("archive_article"), {"outlet": "丙报"})
    assert [a.title for a in chosen.context["cl"].result_list] == ["文5"]


def test_person_list_counts_each_persons_roles(client, editor):
    yang, wang = factories.person("杨猛"), factories.person("王五")
    factories.role(yang, title="区域经理")
    factories.role(yang, title="联席总经理")
    client.force_login(editor)
    response = client.get(changelist("people_person"))
    assert {p.name: p._role_count for p in response.context["cl"].result_list} == {"杨猛": 2, "王五": 0}
    assert wang.pk


def test_role_search_finds_by_title_person_name_alias_or_pinyin(client, editor):
    yang = factories.person("杨猛")
    Alias.objects.create(person=yang, name="老杨")
    role = factories.role(yang, title="区域经理")
    factories.role(factories.person("王五"), title="总裁")
    client.force_login(editor)
    for term in ("区域", "杨猛", "老杨", "yangmeng", "杨猛 经理"):
        response = client.get(changelist("people_role"), {"q": term})
        assert [r.pk for r in response.context["cl"].result_list] == [role.pk], term


def long_article(count):
    return factories.article(lines=[f"第{n}段。" for n in range(1, count + 1)])


def test_the_article_page_edits_its_paragraphs_twenty_at_a_time(client, editor):
    article = long_article(50)
    url = reverse("admin:archive_article_change", args=[article.pk])
    client.force_login(editor)
    first = client.get(url)
    assert first.context["inline_admin_formsets"][0].formset.total_form_count() == 20
    html = first.content.decode()
    assert "Paragraphs 1–20 of 50" in html and '<a href="?paragraphs=3">41–50</a>' in html
    assert "edit below, 20 at a time:" in html
    last = client.get(url, {"paragraphs": "3"})
    forms = last.context["inline_admin_formsets"][0].formset.forms
    assert [f.instance.position for f in forms] == list(range(41, 51))
    for bad in ("0", "-1", "x", "99"):
        assert client.get(url, {"paragraphs": bad}).status_code == 200


def test_a_paragraph_of_the_second_page_is_corrected_there(client, editor):
    article = long_article(50)
    yang = factories.person()
    paragraph = article.paragraphs.get(position=25)
    paragraph.text = "后来杨猛调任台州当区域经理。"
    paragraph.save()
    mention = factories.cite(paragraph, "杨猛", status=Status.DRAFT, person=yang)
    url = reverse("admin:archive_article_change", args=[article.pk]) + "?paragraphs=2"
    client.force_login(editor)
    data = article_form(article, article.paragraphs.order_by("position")[20:40])
    data["paragraphs-4-text"] = "那年秋天," + paragraph.text
    data["_continue"] = "1"
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"].endswith("paragraphs=2")
    mention.refresh_from_db()
    assert (mention.start, mention.orphaned) == (7, False)
    assert Paragraph.objects.get(pk=paragraph.pk).version == 2


def article_form(article, paragraphs):
    data = {
        "title": article.title,
        "published_text": "2017",
        "published_edtf": "2017",
        "language": "zh",
        "script": "simplified",
        "is_published": "on",
        "paragraphs-TOTAL_FORMS": len(paragraphs),
        "paragraphs-INITIAL_FORMS": len(paragraphs),
        "paragraphs-MIN_NUM_FORMS": 0,
        "paragraphs-MAX_NUM_FORMS": 1000,
    }
    for i, p in enumerate(paragraphs):
        for field in ("id", "position", "kind", "text", "kind_note"):
            data[f"paragraphs-{i}-{field}"] = getattr(p, "pk" if field == "id" else field)
        data[f"paragraphs-{i}-article"] = article.pk
    return data


def test_the_article_page_queries_do_not_grow_with_its_paragraphs(client, editor):
    short, long = long_article(21), long_article(200)
    client.force_login(editor)
    change = "admin:archive_article_change"
    assert queries(client, reverse(change, args=[short.pk])) == queries(
        client, reverse(change, args=[long.pk])
    )
