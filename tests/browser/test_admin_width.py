"""The admin change pages of the demo's article and person fit a 1280 px screen."""

import pytest

from archive.models import Article
from people.models import Person

WIDTH = 1280
OVERFLOW = """() => {
  const wide = [];
  document.querySelectorAll("body *").forEach((el) => {
    const r = el.getBoundingClientRect();
    if (r.right > document.documentElement.clientWidth + 1 && r.width > 0)
      wide.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + "." + el.className + " " + Math.round(r.right));
  });
  // An inline may scroll in its own box; it must not need to on this screen either.
  const boxed = Array.from(document.querySelectorAll(".inline-group .tabular"))
    .filter((box) => box.scrollWidth > box.clientWidth + 1).map((box) => box.id + " " + box.scrollWidth);
  return {width: document.documentElement.scrollWidth, wide: wide.slice(0, 12), boxed: boxed};
}"""


@pytest.fixture(autouse=True)
def _groups(editorial_groups):
    """Log in as an Editor."""


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("model", ["article", "person"])
def test_change_page_fits_1280_px(browser, live_server, demo, editor, model):
    record = (
        Article.objects.get(slug="alibaba-b2b-18-years")
        if model == "article"
        else Person.objects.get(slug="yang-meng")
    )
    app = "archive" if model == "article" else "people"
    context = browser.new_context(locale="zh-CN", viewport={"width": WIDTH, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", f"pw-{editor.username}")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/{app}/{model}/{record.pk}/change/")
    page.locator("#content-main form").wait_for()
    assert page.locator(".inline-group .tabular").count() >= 1  # the inlines that overflowed are there
    measured = page.evaluate(OVERFLOW)
    context.close()
    assert measured["width"] <= WIDTH, measured["wide"]
    assert measured["boxed"] == [], measured["boxed"]
