"""Readers' pages, second edition: names, ranked evidence, the chart, honest dates, new pages."""

import pytest

from archive import public
from people.models import Alias, Person
from reading import careers
from tests import factories
from textkit.pinyin import compact_key, pinyin, reading


@pytest.mark.parametrize(
    ("name", "expected"),
    [("曾鸣", "Zēng Míng"), ("单田芳", "Shàn Tiánfāng"), ("尉迟恭", "Yùchí Gōng"), ("万俟卨", "Mòqí Xiè")],
)
def test_a_surname_takes_its_own_reading_with_tone_marks(name, expected):
    assert reading(name) == expected


def test_a_foreign_transliteration_has_no_chinese_pinyin():
    assert (
        pinyin("彼得·蒂尔", surname=True),
        reading("彼得·蒂尔"),
        compact_key("彼得·蒂尔", surname=True),
    ) == (
        "",
        "",
        "",
    )


def test_organisations_keep_the_ordinary_reading():
    assert pinyin("曾经的公司") == "ceng jing de gong si"


@pytest.mark.parametrize("query", ["zeng ming", "zengming", "Zēng Míng", "ZENG MING", "曾鸣"])
def test_zeng_ming_is_found_with_or_without_tones_and_spaces(client, db, query):
    factories.person("曾鸣")
    assert list(Person.objects.search(query).values_list("name", flat=True)) == ["曾鸣"]


def test_an_english_alias_is_searched_as_written(client, demo):
    ma = Person.objects.get(name="马云")
    alias = Alias.objects.create(person=ma, name="Jack Ma", kind=Alias.Kind.ENGLISH)
    assert (alias.pinyin, alias.pinyin_key) == ("", "jackma")
    for query in ["Jack Ma", "jackma", "jack ma"]:
        assert [r["slug"] for r in client.get("/people.json", {"q": query}).json()["results"]] == ["ma-yun"]
    page = client.get("/people/ma-yun/").content.decode()
    assert "英文名" in page and "Jack Ma" in page and "Mǎ Yún" in page


def test_the_person_page_states_first_and_folds_reprints(client, demo):
    role = public.roles().get(person__slug="yang-meng", title="中供销售")
    html = client.get("/people/yang-meng/").content.decode()
    row = html[html.index(f'id="role-{role.pk}"') :]
    row = row[: row.index("</tr>")]
    best, _, rest = row.partition('class="more-sources"')
    assert "从中供销售一路干起" in best and "第598号员工" not in best
    assert "另有 3 条出处 · 1 条转载" in rest and "仅提及此人" in rest
    assert rest.count("2002年5月1日,杨猛被分派到温州。</q>") == 1  # the reprint's copy is folded
    assert "《阿里巴巴B2B十八年》第26段" in best


def test_the_chart_puts_the_undated_step_between_its_neighbours_and_has_no_links(client, demo):
    person = public.with_career(public.people()).get(slug="yang-meng")
    chart = careers.career_chart(person.career)
    rows = {row["role"].title: row for lane in chart["lanes"] for row in lane["rows"]}
    undated = rows["台州区域经理"]
    assert undated["shape"] == "dashed"
    assert rows["区域主管"]["x"] <= undated["x"] < rows["联席总经理"]["x"]
    assert [b["first"] for b in chart["breaks"]] == [2004]  # the empty years are cut out
    assert [lane["label"] for lane in chart["lanes"]] == ["中国供应商", "中国内贸事业部"]
    html = client.get("/people/yang-meng/").content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "<a " not in svg and 'role="img"' in svg


def test_dates_mark_the_source_phrase_and_the_reading(client, demo):
    html = client.get("/people/yang-meng/").content.decode()
    assert '<span class="tag">原文</span><span lang="zh">“入职1年零5个月后,升成区域主管”</span>' in html
    assert '<span class="tag">解读</span>2003年9月前后' in html


def test_people_cards_show_the_most_senior_role(client, demo):
    html = client.get("/people/").content.decode()
    card = html[html.index(">马云</a>") :][:600]
    assert "创始人 · 阿里巴巴集团" in card and "关停并转" not in card


def test_title_rank_orders_posts_by_seniority():
    ranks = [careers.title_rank(t) for t in ["CEO", "副总裁", "联席总经理", "销售总监", "区域经理", "成员"]]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)


def test_organisations_index_lists_every_public_organisation(client, demo):
    html = client.get("/organizations/").content.decode()
    data = client.get("/organizations.json").json()
    expected = set(public.organizations().values_list("slug", flat=True))
    assert set(data) >= {"count", "results", "page", "num_pages", "next", "previous"}
    assert {o["slug"] for o in data["results"]} == expected and data["count"] == len(expected)
    assert all(f'href="/organizations/{slug}/"' in html for slug in expected)


def test_organisation_page_gives_a_succession_per_post(client, demo):
    html = client.get("/organizations/alibaba-group/").content.decode()
    assert "历任CEO" in html and "历任创始人" in html


def test_events_are_grouped_by_year_with_an_index(client, demo):
    html = client.get("/events/").content.decode()
    assert 'class="year-index"' in html and 'href="#year-2002"' in html and 'id="year-2002"' in html
    assert 'class="event-sources"' in html


def test_every_event_page_has_one_h1(client, demo):
    for slug in public.events().values_list("slug", flat=True)[:5]:
        assert client.get(f"/events/{slug}/").content.decode().count("<h1") == 1


def test_article_page_frames_the_text(client, demo):
    role = public.roles().get(person__slug="yang-meng", title="中供销售")
    cited = role.annotations.filter(paragraph__article__slug="alibaba-b2b-18-years").order_by("pk").last()
    html = client.get(f"/articles/alibaba-b2b-18-years/?hl={cited.pk}").content.decode()
    assert 'class="arrival"' in html and "杨猛: 中供销售 · 中国供应商" in html and 'rel="prev"' in html
    assert "本文人物" in html and 'href="#p-15"' in html  # people index, table of contents
    text, _, set_apart = html.partition('class="set-apart"')
    assert 'id="p-1"' in set_apart and 'id="p-1"' not in text  # the truncated lead copy is folded


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_404_is_the_sites_page_in_the_visitors_language(client, db, settings, language):
    settings.DEBUG = False
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/people/nobody-here/")
    assert response.status_code == 404
    assert ("找不到此页" if language == "zh-hans" else "Page not found") in response.content.decode()
    assert 'class="site"' in response.content.decode()


def test_500_page_renders_in_the_sites_style(rf, db):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500 and "annals.css" in response.content.decode()


def test_an_open_ended_founder_bar_reaches_the_source_date(demo):
    person = public.with_career(public.people()).get(slug="ma-yun")
    chart = careers.career_chart(person.career)
    founder = chart["lanes"][0]["rows"][0]
    assert founder["shape"] == "open" and chart["ticks"][-1]["year"] == 2017
    assert founder["x"] + founder["width"] > chart["ticks"][-1]["x"]
