"""A 300-paragraph article in the workbench: later parts load as the editor scrolls, on the
keyboard's "load more", or to land on ¶N; annotating and reviewing there works without a reload."""

import pytest

from archive.models import Annotation
from tests import factories
from workbench import parts

PARAGRAPHS = 300
FIRST = parts.PART_PARAGRAPHS  # the generated paragraphs are short: the paragraph cap ends each part


@pytest.fixture(autouse=True)
def _groups(editorial_groups):
    """The editor below is in the Editors group."""


@pytest.fixture
def long_article(transactional_db):
    """Return a 300-paragraph article; ¶1 names 2002, each later one says 次年 and names 杨猛 twice."""
    lines = ["杨猛2002年加入阿里巴巴。"]
    lines += [f"第{n}段:次年,杨猛调任分部{n}的区域经理,杨猛说要做好。" for n in range(2, PARAGRAPHS + 1)]
    article = factories.article(lines=lines, title="很长的文章")
    yang = factories.person("杨猛")
    for position in (3, 250):
        factories.cite(
            article.paragraphs.get(position=position), "杨猛", status=Annotation.Status.SUGGESTED, person=yang
        )
    return article


def open_workbench(page, live_server, article, at=""):
    page.goto(f"{live_server.url}/admin/archive/article/{article.pk}/annotate/{at}")
    page.wait_for_function(
        "() => document.getElementById('wb-proposal-count').textContent !== '…'", timeout=90_000
    )
    page.evaluate("() => { window.__sameLoad = true; }")  # a full page load would lose it


def text(page, position):
    return page.locator(f'.wb-text[data-position="{position}"]')


def scroll_until(page, position):
    """Scroll to the end again and again, as an editor reading on would, until ¶position is there."""
    for _ in range(20):
        if text(page, position).count():
            return
        page.mouse.wheel(0, 50_000)
        page.wait_for_timeout(300)
    raise AssertionError(f"¶{position} never loaded while scrolling")


@pytest.mark.django_db(transaction=True)
def test_scrolling_loads_later_parts_and_the_editor_annotates_and_reviews_there(
    page, live_server, login, long_article, editor
):
    login(editor)
    open_workbench(page, live_server, long_article)
    assert page.locator(".wb-text").count() == FIRST and text(page, FIRST + 1).count() == 0
    assert page.locator(".wb-suggestion").count() == 1  # ¶3's; ¶250's comes with its part

    scroll_until(page, 250)
    positions = page.locator(".wb-text").evaluate_all("(els) => els.map((el) => Number(el.dataset.position))")
    assert positions == list(range(1, len(positions) + 1))  # in order, each paragraph once
    assert page.locator(".wb-suggestion", has_text="¶250").count() == 1
    # The dates of every part lean on the year the parts before named: ¶250's 次年 is 2002 + 249.
    rows = page.locator("#wb-date-rows tr").evaluate_all(
        "(rows) => rows.map((row) => [row.cells[0].textContent, row.cells[2].textContent])"
    )
    assert ["250", "2251"] in [[where, edtf[:4]] for where, edtf in rows]

    # Annotate the second 杨猛 of ¶249 with the keyboard path: focus, find the words, pick, save.
    text(page, 249).focus()
    page.fill("#wb-find", "杨猛说")
    page.click("#wb-find-go")
    page.locator("#wb-selection", has_text="¶249").wait_for()
    page.fill("#wb-person-q", "杨猛")
    page.locator("#wb-person-results button", has_text="杨猛").click()
    page.click("#wb-save")
    text(page, 249).locator("mark.wb-person.wb-status-draft", has_text="杨猛说").wait_for()
    saved = Annotation.objects.get(paragraph__position=249, paragraph__article=long_article)
    assert (saved.quote, saved.status, saved.editor) == ("杨猛说", "draft", editor)

    # Accept ¶250's suggestion from the list: marked in place, gone from the list.
    page.locator(".wb-suggestion", has_text="¶250").locator(".wb-accept").click()
    text(page, 250).locator("mark.wb-person.wb-status-draft").wait_for()
    page.locator(".wb-suggestion", has_text="¶250").wait_for(state="detached")
    assert page.locator("#wb-suggestion-count").inner_text() == "1"
    assert page.evaluate("() => window.__sameLoad === true")  # no reload anywhere above


@pytest.mark.django_db(transaction=True)
def test_the_keyboard_loads_the_next_part_and_lands_on_its_first_paragraph(
    page, live_server, login, long_article, editor
):
    login(editor)
    open_workbench(page, live_server, long_article)
    page.locator("#wb-more-button").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.activeElement.classList.contains('wb-text')"
        " && Number(document.activeElement.dataset.position) > %d" % FIRST
    )
    assert page.locator("#wb-more-status").inner_text().startswith("¶1–")


@pytest.mark.django_db(transaction=True)
def test_a_link_to_a_later_paragraph_loads_the_parts_up_to_it_and_lands_there(
    page, live_server, login, long_article, editor
):
    login(editor)
    open_workbench(page, live_server, long_article, at="#wb-p250")
    text(page, 250).wait_for()
    page.wait_for_function("() => document.activeElement.dataset.position === '250'")
    assert text(page, 250).evaluate("(el) => el.getBoundingClientRect().top < window.innerHeight")

    # "Suggest known names" reloads on the paragraph at the top of the screen, not on ¶1.
    with page.expect_event("load", timeout=60_000):  # the reload's own load, not replaceState's
        page.click("#wb-generate")
    top = int(page.evaluate("() => location.hash.replace('#wb-p', '')"))
    assert top > FIRST
    text(page, top).wait_for()
    page.locator(".wb-suggestion", has_text=f"¶{top}").first.wait_for()
