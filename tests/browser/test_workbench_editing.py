"""Editing an existing annotation in place: resize by handles and by selection, re-target,
confirm before delete; and the role form filled from the selected words."""

import pytest

from archive.models import Annotation
from tests import factories


@pytest.fixture(autouse=True)
def _groups(editorial_groups):
    """Every test here logs in as an Editor or a Reviewer."""


def open_workbench(page, live_server, article):
    page.goto(f"{live_server.url}/admin/archive/article/{article.pk}/annotate/")
    page.wait_for_function(
        "() => document.getElementById('wb-proposal-count').textContent !== '…'", timeout=90_000
    )
    # Set a mark on the window: a full page load would lose it.
    page.evaluate("() => { window.__sameLoad = true; }")


def same_load(page):
    return page.evaluate("() => window.__sameLoad === true")


def select_words(page, paragraph, words):
    """The keyboard path: focus the paragraph, type the words into "Find words", select them."""
    page.locator(f'.wb-text[data-position="{paragraph.position}"]').focus()
    page.fill("#wb-find", words)
    page.click("#wb-find-go")
    page.locator("#wb-selection", has_text=f"“{words}”").wait_for()


@pytest.mark.django_db(transaction=True)
def test_reviewer_resizes_retargets_and_is_asked_before_deleting(page, live_server, login, reviewer):
    article = factories.article()
    yang, wang = factories.person("杨猛"), factories.person("王五")
    third = article.paragraphs.get(position=3)  # 后来杨猛调任台州当区域经理。
    mention = factories.cite(third, "杨猛", status=Annotation.Status.DRAFT, person=yang)
    login(reviewer)
    open_workbench(page, live_server, article)
    text = page.locator(f'.wb-text[data-position="{third.position}"]')
    text.locator("mark", has_text="杨猛").click()
    item = page.locator(f'.wb-edit-item[data-id="{mention.pk}"]')
    item.locator('.wb-span[data-move="end"][data-step="1"]').click()
    text.locator("mark", has_text="杨猛调").wait_for()
    item = page.locator(f'.wb-edit-item[data-id="{mention.pk}"]')
    item.locator(".wb-edit-range", has_text="[2–5]").wait_for()
    mention.refresh_from_db()
    assert (mention.quote, mention.start, mention.end) == ("杨猛调", 2, 5)

    select_words(page, third, "杨猛调任台州")
    item.locator(".wb-span-selection").click()
    text.locator("mark", has_text="杨猛调任台州").wait_for()
    mention.refresh_from_db()
    assert (mention.quote, mention.suffix[:2]) == ("杨猛调任台州", "当区")
    assert "span 2–5 → 2–8" in mention.history.first().history_change_reason

    page.select_option("#wb-kind", "person")
    page.fill("#wb-person-q", "王五")
    page.locator("#wb-person-results button", has_text="王五").click()
    page.locator(f'.wb-edit-item[data-id="{mention.pk}"] .wb-edit-retarget').click()
    page.locator(f'.wb-edit-item[data-id="{mention.pk}"] .wb-edit-label', has_text="王五").wait_for()
    mention.refresh_from_db()
    assert mention.person == wang

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator(f'.wb-edit-item[data-id="{mention.pk}"] .wb-edit-delete').click()
    assert Annotation.objects.filter(pk=mention.pk).exists()  # dismissed: nothing deleted
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(f'.wb-edit-item[data-id="{mention.pk}"] .wb-edit-delete').click()
    page.locator(f'.wb-edit-item[data-id="{mention.pk}"]').wait_for(state="detached")
    assert text.locator("mark").count() == 0
    assert not Annotation.objects.filter(pk=mention.pk).exists()
    assert same_load(page)  # every change above was made without reloading the article


@pytest.mark.django_db(transaction=True)
def test_the_role_form_is_filled_from_the_selected_words(page, live_server, login, editor):
    article = factories.article()
    yang = factories.person("杨猛")
    unit = factories.organization("中国内贸事业部")
    first = article.paragraphs.get(position=1)  # 杨猛2002年加入阿里巴巴,现任中国内贸事业部(CBU)联席总经理。
    login(editor)
    open_workbench(page, live_server, article)
    page.select_option("#wb-kind", "role")
    select_words(page, first, first.text.rstrip("。"))
    page.wait_for_function("() => document.getElementById('wb-role-title').value === '联席总经理'")
    assert page.locator("#wb-org-chosen-role").inner_text() == unit.name
    assert page.locator("#wb-person-chosen").inner_text() == yang.name
    assert page.input_value("#wb-role-start-text") == "2002年"
    page.wait_for_function("() => document.getElementById('wb-role-start-edtf').value === '2002'")
    assert page.locator("#wb-role-new").evaluate("(el) => el.open")
    page.click("#wb-role-create")
    page.locator("#wb-role option", has_text="联席总经理").wait_for(state="attached")
    role = yang.roles.get()
    assert (role.title, role.organization, role.start_edtf) == ("联席总经理", unit, "2002")
    assert same_load(page)
