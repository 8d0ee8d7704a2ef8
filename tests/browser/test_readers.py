"""Readers' pages, second edition, in a real browser at 1280 and 390 px."""

import re

import pytest
from playwright.sync_api import expect

from archive import public

WIDTHS = [1280, 390]


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def sized(request, page):
    page.set_viewport_size({"width": request.param, "height": 900})
    page.width = request.param
    return page


def box(locator):
    return locator.bounding_box()


@pytest.mark.django_db(transaction=True)
def test_career_table_and_chart_keep_the_undated_step_between_its_neighbours(sized, live_server, demo):
    page = sized
    page.goto(f"{live_server.url}/people/yang-meng/")
    rows = page.locator(".career-table tbody tr")
    titles = [t.strip() for t in rows.locator("th").all_inner_texts()]
    assert [t.split()[0] for t in titles] == ["中供销售", "区域主管", "台州区域经理", "联席总经理"]
    tops = [box(rows.nth(i))["y"] for i in range(4)]
    assert tops == sorted(tops)  # the table (a vertical timeline on phones) keeps the order
    expect(rows.nth(2)).to_have_class(re.compile("undated"))
    chart = page.locator(".career-chart svg")
    if page.width >= 1280:
        expect(chart).to_be_visible()
        bars = chart.locator("rect.bar")
        dashed = chart.locator("rect.bar.dashed")
        expect(dashed).to_have_count(1)
        before = box(bars.nth(1))["x"]  # 区域主管
        after = box(chart.locator("circle.point"))["x"]  # 联席总经理
        assert before - 2 <= box(dashed)["x"] < after
        assert chart.locator("a").count() == 0
    else:
        expect(chart).to_be_hidden()


@pytest.mark.django_db(transaction=True)
def test_a_citation_preview_opens_and_closes_in_place(sized, live_server, demo):
    page = sized
    page.goto(f"{live_server.url}/people/yang-meng/")
    url = page.url
    details = page.locator(".career-table details.context").first
    summary = details.locator("summary")
    summary.click()
    expect(details).to_have_attribute("open", "")
    expect(details.locator("mark")).to_be_visible()
    summary.click()
    expect(details).not_to_have_attribute("open", "")
    assert page.url == url


@pytest.mark.django_db(transaction=True)
def test_arriving_from_a_citation_shows_the_banner_and_the_highlighted_span(sized, live_server, demo):
    page = sized
    role = public.roles().get(person__slug="yang-meng", title="区域主管")
    page.goto(f"{live_server.url}/people/yang-meng/")
    page.locator(f"#role-{role.pk} a.quote").first.click()
    page.wait_for_url(re.compile(r"/articles/alibaba-b2b-18-years/\?hl=\d+#p-51$"))
    banner = page.locator(".arrival")
    expect(banner).to_contain_text("杨猛: 区域主管 · 中国供应商")
    expect(page.locator("#p-51 mark.cited").first).to_be_in_viewport()
    banner.get_by_role("link", name="返回").click()
    page.wait_for_url(re.compile(rf"/people/yang-meng/#role-{role.pk}$"))


@pytest.mark.django_db(transaction=True)
def test_events_jump_to_a_year(sized, live_server, demo):
    page = sized
    page.goto(f"{live_server.url}/events/")
    page.locator(".year-index").get_by_role("link", name=re.compile("^2008")).click()
    expect(page).to_have_url(re.compile("#year-2008$"))
    expect(page.locator("#year-2008")).to_be_in_viewport()


@pytest.mark.django_db(transaction=True)
def test_organisations_index_lists_every_public_organisation(sized, live_server, demo):
    page = sized
    page.goto(f"{live_server.url}/organizations/")
    names = set(page.locator(".cards.organizations h2 a").all_inner_texts())
    assert names == set(public.organizations().values_list("name", flat=True))


@pytest.mark.django_db(transaction=True)
def test_the_highlights_toggle_hides_the_tints(page, live_server, demo):
    page.goto(f"{live_server.url}/articles/alibaba-b2b-18-years/")
    toggle = page.locator("button.toggle-highlights")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    toggle.click()
    expect(page.locator("#article-text")).to_have_class(re.compile("highlights-off"))
    expect(toggle).to_have_attribute("aria-pressed", "false")
