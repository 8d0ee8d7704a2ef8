"""Readers in a real browser: follow a citation, filter the people list, switch language."""

import re

import pytest
from playwright.sync_api import expect

from archive import public


@pytest.mark.django_db(transaction=True)
def test_citation_opens_the_article_on_the_highlighted_paragraph(page, live_server, demo):
    role = public.roles().get(person__slug="yang-meng", title="区域主管")
    page.goto(f"{live_server.url}/people/yang-meng/")
    expect(page.locator("h1")).to_contain_text("杨猛")
    page.locator(f"#role-{role.pk} a.quote").first.click()
    page.wait_for_url(re.compile(r"/articles/alibaba-b2b-18-years/\?hl=\d+#p-51$"))
    paragraph = page.locator("#p-51")
    expect(paragraph).to_be_in_viewport()
    cited = paragraph.locator("mark.cited")
    expect(cited.first).to_be_visible()
    expect(cited.first).to_contain_text("升成区域主管")
    assert page.locator("mark.cited").count() == cited.count()  # nothing else is emphasised
    background = cited.first.evaluate("el => getComputedStyle(el).backgroundColor")
    plain = page.locator("mark.ann:not(.cited)").first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background != plain


@pytest.mark.django_db(transaction=True)
def test_people_list_filters_by_pinyin_and_organisation(page, live_server, demo):
    page.goto(f"{live_server.url}/people/")
    everyone = page.locator(".cards.people > li.card").count()
    assert everyone > 5
    page.get_by_label("姓名、别名或拼音").fill("mayun")
    page.get_by_role("button", name="筛选").click()
    expect(page.locator(".cards.people > li.card")).to_have_count(1)
    expect(page.locator(".cards.people h2 a")).to_have_text("马云")
    page.get_by_label("姓名、别名或拼音").fill("")
    page.get_by_label("组织").fill("cbu")
    page.get_by_role("button", name="筛选").click()
    expect(page).to_have_url(re.compile(r"organization=cbu"))
    names = page.locator(".cards.people h2 a").all_inner_texts()
    assert "杨猛" in names and len(names) < everyone


@pytest.mark.django_db(transaction=True)
def test_switching_language_to_english_and_back(page, live_server, demo):
    page.goto(f"{live_server.url}/people/yang-meng/")
    expect(page.locator("#career-heading")).to_have_text("职业轨迹")
    page.get_by_label("语言").get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#career-heading")).to_have_text("Career path")
    assert page.url.endswith("/people/yang-meng/")
    page.get_by_label("Language").get_by_role("link", name="简体中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
