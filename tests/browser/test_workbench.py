"""The annotation workbench in Debian's chromium: annotate 杨猛, publish, see it public; accept a suggestion."""

import pytest

from archive.models import Annotation, Paragraph

FEATURE = "alibaba-b2b-18-years"
POSITION = 52  # 后来杨猛调任台州当区域经理…


@pytest.fixture(autouse=True)
def _groups(editorial_groups):
    """Every test here logs in as an Editor or a Reviewer."""


@pytest.fixture
def unannotated(demo):
    """Return ¶52 of the demo feature with its curated mention of 杨猛 removed, as if not yet annotated."""
    paragraph = Paragraph.objects.get(article__slug=FEATURE, position=POSITION)
    Annotation.objects.filter(paragraph=paragraph, person__slug="yang-meng").delete()
    return paragraph


def open_workbench(page, live_server, paragraph):
    page.goto(f"{live_server.url}/admin/archive/article/{paragraph.article_id}/annotate/")
    # Let the proposals request finish: the live server shares the test's SQLite connection.
    page.wait_for_function(
        "() => document.getElementById('wb-proposal-count').textContent !== '…'", timeout=90_000
    )
    return page.locator(f'.wb-text[data-position="{paragraph.position}"]')


def drag_select(page, text, words):
    """Select words in the paragraph with the mouse, from the first character's left edge to the last's right."""
    text.scroll_into_view_if_needed()
    box = text.evaluate(
        """(el, words) => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let node = walker.nextNode();
        while (node && !node.data.includes(words)) node = walker.nextNode();
        const range = document.createRange();
        const at = node.data.indexOf(words);
        range.setStart(node, at); range.setEnd(node, at + words.length);
        const r = range.getBoundingClientRect();
        return {left: r.left, right: r.right, y: r.top + r.height / 2};
    }""",
        words,
    )
    page.mouse.move(box["left"] + 1, box["y"])
    page.mouse.down()
    page.mouse.move(box["right"] - 1, box["y"], steps=5)
    page.mouse.up()


def log_in(browser, live_server, user):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", f"pw-{user.username}")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


@pytest.mark.django_db(transaction=True)
def test_editor_links_yang_meng_reviewer_publishes_and_it_is_public(
    page, browser, live_server, login, unannotated, editor, reviewer
):
    login(editor)
    text = open_workbench(page, live_server, unannotated)
    drag_select(page, text, "杨猛")
    page.locator("#wb-selection", has_text="“杨猛”").wait_for()
    page.fill("#wb-person-q", "yangmeng")
    page.locator("#wb-person-results button", has_text="杨猛").click()
    page.click("#wb-save")
    mark = text.locator("mark.wb-person.wb-status-draft", has_text="杨猛")
    mark.wait_for()
    annotation = Annotation.objects.get(paragraph=unannotated, person__slug="yang-meng")
    assert (annotation.quote, annotation.status, annotation.editor) == ("杨猛", "draft", editor)

    reviewing = log_in(browser, live_server, reviewer)
    reviewing.goto(f"{live_server.url}/admin/archive/annotation/?status__exact=draft")
    reviewing.check(f'input[name="_selected_action"][value="{annotation.pk}"]')
    reviewing.select_option("select[name=action]", "publish")
    reviewing.click("button[name=index]")
    reviewing.wait_for_selector(".messagelist")
    reviewing.context.close()
    annotation.refresh_from_db()
    assert annotation.status == "published"

    page.goto(f"{live_server.url}/articles/{FEATURE}/")
    assert page.locator(f"mark#a-{annotation.pk}").inner_text() == "杨猛"


@pytest.mark.django_db(transaction=True)
def test_editor_accepts_a_suggestion(page, live_server, login, unannotated, editor):
    login(editor)
    open_workbench(page, live_server, unannotated)
    page.click("#wb-generate")
    suggestion = page.locator(".wb-suggestion", has_text=f"¶{POSITION} “杨猛”")
    suggestion.locator(".wb-accept").click()
    text = page.locator(f'.wb-text[data-position="{POSITION}"]')
    text.locator("mark.wb-person.wb-status-draft", has_text="杨猛").wait_for()
    accepted = Annotation.objects.get(paragraph=unannotated, person__slug="yang-meng")
    assert (accepted.status, accepted.editor) == ("draft", editor)
    assert accepted.history.first().history_change_reason == "suggestion accepted"


@pytest.mark.django_db(transaction=True)
def test_a_drag_starting_on_a_highlight_selects_the_new_span_not_the_previous_one(
    page, live_server, login, demo, editor
):
    paragraph = Paragraph.objects.get(article__slug=FEATURE, position=POSITION)
    assert paragraph.annotations.filter(person__slug="yang-meng").exists()
    login(editor)
    text = open_workbench(page, live_server, paragraph)
    drag_select(page, text, "区域经理")
    page.locator("#wb-selection", has_text="“区域经理”").wait_for()
    box = text.evaluate(
        """(el) => {
        const mark = el.querySelector("mark.wb-person");
        const a = mark.getBoundingClientRect();
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let node = walker.nextNode();
        while (node && !node.data.includes("台州")) node = walker.nextNode();
        const range = document.createRange();
        const at = node.data.indexOf("台州");
        range.setStart(node, at); range.setEnd(node, at + 2);
        const b = range.getBoundingClientRect();
        return {left: a.left + 1, right: b.right - 1, y: a.top + a.height / 2};
    }"""
    )
    page.mouse.move(box["left"], box["y"])  # the drag starts on the <mark> of 杨猛
    page.mouse.down()
    page.mouse.move(box["right"], box["y"], steps=5)
    page.mouse.up()
    page.locator("#wb-selection", has_text="“杨猛调任台州”").wait_for()
