"""A long article in parts: the page draws the first, the part endpoint the next, at a fixed cost."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from archive.models import Annotation
from people.models import Person
from tests import factories
from workbench import parts, selectors

pytestmark = pytest.mark.django_db
Status = Annotation.Status
SIZE = 5  # paragraphs a part holds in these tests, so a long article stays quick to build


@pytest.fixture(autouse=True)
def small_parts(monkeypatch):
    monkeypatch.setattr(parts, "PART_PARAGRAPHS", SIZE)


def lines(count):
    """Return count paragraphs: ¶1 names 2002, the others a year relative to the last one."""
    return ["杨猛2002年加入阿里巴巴,任区域经理。"] + [
        f"第{n}段:次年,杨猛任区域经理。" for n in range(2, count + 1)
    ]


def long_article(count, *, mentions=True):
    """Return an article of count paragraphs, each citing 杨猛 (a draft) and his role (a suggestion)."""
    article = factories.article(lines=lines(count))
    if mentions:
        yang = Person.objects.filter(name="杨猛").first() or factories.person("杨猛")
        role = yang.roles.first() or factories.role(yang, title="区域经理")
        for paragraph in article.paragraphs.all():
            factories.cite(paragraph, "杨猛", status=Status.DRAFT, person=yang)
            factories.cite(paragraph, "区域经理", status=Status.SUGGESTED, role=role)
    return article


def page_url(article):
    return reverse("workbench:annotate", args=[article.pk])


def part_url(article):
    return reverse("workbench:part", args=[article.pk])


def positions(html):
    return [int(chunk.split('"', 1)[0]) for chunk in html.split('data-position="')[1:]]


def test_the_page_draws_the_first_part_and_offers_the_next(client, editor):
    article = long_article(12)
    client.force_login(editor)
    response = client.get(page_url(article))
    html = response.content.decode()
    assert positions(html) == [1, 2, 3, 4, 5]
    assert 'data-next="5"' in html and 'id="wb-more-button"' in html
    assert "¶1–5 of 12 paragraphs shown." in html
    assert len(response.context["annotations"]) == 2 * SIZE  # the first part's, not the article's


def test_a_short_article_is_drawn_whole_with_nothing_more_to_load(client, editor, article):
    client.force_login(editor)
    html = client.get(page_url(article)).content.decode()
    assert positions(html) == [1, 2, 3]
    assert 'data-next=""' in html and "hidden>" in html.split('id="wb-more"', 1)[1].split("<p", 1)[0]


def test_parts_follow_each_other_to_the_end_each_paragraph_once(client, editor):
    article = long_article(12, mentions=False)
    client.force_login(editor)
    seen, after, year = [], 0, ""
    while after is not None:
        part = client.get(part_url(article), {"after": after, "year": year}).json()
        seen += positions(part["html"])
        after, year = part["next"], "" if part["year"] is None else part["year"]
    assert seen == list(range(1, 13))
    assert part["last"] == 12


def test_a_part_stops_at_the_character_budget_and_a_long_paragraph_is_a_part_of_its_own(
    client, editor, monkeypatch
):
    monkeypatch.setattr(parts, "PART_CHARACTERS", 100)
    article = factories.article(lines=["甲" * 40, "乙" * 40, "丙" * 40, "丁" * 300, "戊"])
    client.force_login(editor)
    first = client.get(part_url(article), {"after": 0}).json()
    second = client.get(part_url(article), {"after": first["next"]}).json()
    third = client.get(part_url(article), {"after": second["next"]}).json()
    assert [positions(p["html"]) for p in (first, second, third)] == [[1, 2], [3], [4]]
    assert client.get(part_url(article), {"after": 4}).json()["next"] is None


def test_a_later_part_carries_its_marks_annotations_suggestions_names_and_dates(client, editor):
    article = long_article(12)
    mention = Annotation.objects.get(paragraph__position=7, person__isnull=False)
    suggestion = Annotation.objects.get(paragraph__position=7, status=Status.SUGGESTED)
    paragraph = article.paragraphs.get(position=8)
    paragraph.text = "王五说,次年杨猛任区域经理。"  # 王五 is no known name: a candidate
    paragraph.save()
    client.force_login(editor)
    part = client.get(part_url(article), {"after": 5, "year": "2006"}).json()
    assert positions(part["html"]) == [6, 7, 8, 9, 10] and part["next"] == 10
    assert f'data-ids="{mention.pk}"' in part["html"]
    assert {a["id"] for a in part["annotations"]} >= {mention.pk, suggestion.pk}
    assert {a["paragraph"] for a in part["annotations"]} == set(
        article.paragraphs.filter(position__in=range(6, 11)).values_list("pk", flat=True)
    )
    assert f'data-id="{suggestion.pk}"' in part["suggestions_html"] and "¶7" in part["suggestions_html"]
    assert {"name": "王五", "positions": [8]} in part["candidates"]
    assert "次年 = 2007: the year after 2006" in part["dates_html"]
    assert part["year"] == 2011  # ¶6–¶10 each say 次年


def test_the_year_before_a_part_is_read_again_when_the_caller_does_not_carry_it(client, editor):
    article = long_article(12, mentions=False)
    client.force_login(editor)
    carried = client.get(part_url(article), {"after": 5, "year": "2006"}).json()
    found = client.get(part_url(article), {"after": 5}).json()
    assert found["dates_html"] == carried["dates_html"] and found["year"] == carried["year"] == 2011
    unknown = client.get(part_url(article), {"after": 5, "year": ""}).json()
    assert "2007" not in unknown["dates_html"]  # no year before: 次年 cannot be dated


@pytest.mark.parametrize(
    "query, word",
    [
        ({}, "after"),
        ({"after": "abc"}, "after"),
        ({"after": "-1"}, "after"),
        ({"after": "1.5"}, "after"),
        ({"after": "+3"}, "after"),
        ({"after": "٣"}, "after"),
        ({"after": str(2**31)}, "after"),
        ({"after": "0", "year": "2002年"}, "year"),
        ({"after": "0", "year": "12345"}, "year"),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(client, editor, article, query, word):
    client.force_login(editor)
    response = client.get(part_url(article), query)
    assert response.status_code == 400 and response.json()["error"].startswith(f"{word}:")


def test_after_the_last_paragraph_the_part_is_empty(client, editor, article):
    client.force_login(editor)
    part = client.get(part_url(article), {"after": 3}).json()
    assert (part["html"].strip(), part["annotations"], part["next"], part["last"]) == ("", [], None, None)
    assert client.get(part_url(article), {"after": 999}).json()["html"].strip() == ""


def test_the_part_is_refused_as_the_page_is(client, make_user, article):
    for user, page_status in (
        (None, 302),
        (make_user("reader", "Editors", staff=False), 302),
        (make_user("clerk"), 403),
    ):
        if user:
            client.force_login(user)
        assert client.get(page_url(article)).status_code == page_status
        response = client.get(part_url(article), {"after": 0})
        assert response.status_code == 403 and "error" in response.json()
    client.force_login(make_user("viewer", "Editors"))
    assert client.get(part_url(article), {"after": 0}).status_code == 200
    missing = reverse("workbench:part", args=[article.pk + 1000])
    assert client.get(missing, {"after": 0}).status_code == 404


def count_queries(client, url, query=None):
    client.get(url, query)  # warm-up: session, permissions
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query)
    assert response.status_code == 200
    return len(queries)


def test_page_and_part_queries_do_not_grow_with_the_article_nor_its_annotations(client, editor):
    short, long = long_article(2 * SIZE, mentions=False), long_article(12 * SIZE)
    client.force_login(editor)
    for query in ({"after": SIZE, "year": "2006"}, {"after": SIZE}):
        assert count_queries(client, part_url(short), query) == count_queries(client, part_url(long), query)
    long_query = {"after": 10 * SIZE}
    assert count_queries(client, part_url(long), long_query) == count_queries(
        client, part_url(short), {"after": SIZE}
    )
    assert count_queries(client, page_url(short)) == count_queries(client, page_url(long))


def test_possible_new_names_leave_out_what_a_known_name_contains_or_stands_inside(editor):
    article = factories.article(lines=["王五说,李四说,赵六说。", "赵六表示同意。"])
    factories.person("王五六")  # contains 王五
    factories.organization("李四")  # is 李四
    rows = selectors.candidate_rows(list(article.paragraphs.all()))
    assert [(r["name"], r["positions"]) for r in rows] == [("赵六", [1, 2])]
