"""Under the Content-Security-Policy the admin, its import page, the workbench and the public
pages run in chromium without a single violation; a form login goes through django-axes."""

import pytest
from playwright.sync_api import expect

from archive.models import Annotation, Article

# Collect violations inside the page itself: CSP reports them as events, not only as console text.
WATCH = "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));"


@pytest.fixture(autouse=True)
def _groups(editorial_groups):
    """Every test here logs in as an Editor or a Reviewer."""


@pytest.fixture
def watched(page):
    """Return the page with CSP violations and console errors recorded."""
    errors = []
    page.add_init_script(WATCH)
    # A failed load is reported by the response listener with its URL (the favicon request, which
    # chromium makes outside the page, only shows up as console text and is not ours to judge).
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and not message.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "response",
        lambda response: (
            errors.append(f"HTTP {response.status} {response.url}") if response.status >= 400 else None
        ),
    )
    page.errors = errors
    return page


def assert_clean(page, where):
    violations = page.evaluate("window.__csp")
    assert violations == [], f"{where}: CSP violations {violations}"
    assert [e for e in page.errors if "Content Security Policy" in e or "Refused" in e] == [], where
    assert page.errors == [], f"{where}: console errors {page.errors}"


@pytest.mark.django_db(transaction=True)
def test_admin_pages_run_without_csp_violations(watched, live_server, demo, make_user, login):
    page = watched
    login(make_user("rev", "Editors", "Reviewers"))
    annotation = Annotation.objects.filter(person__isnull=False).order_by("pk").first()
    page.goto(f"{live_server.url}/admin/archive/annotation/")
    page.locator("select[name=action]").select_option("publish")  # actions.js is running
    assert_clean(page, "annotation changelist")
    page.goto(f"{live_server.url}/admin/archive/annotation/{annotation.pk}/change/")
    page.locator("#id_person").locator(
        "xpath=following-sibling::span[contains(@class,'select2')]"
    ).first.click()
    page.locator(".select2-search__field").fill("yang")
    expect(page.locator(".select2-results__option").filter(has_text="杨猛").first).to_be_visible()
    assert_clean(page, "annotation change form with autocomplete")
    page.goto(f"{live_server.url}/admin/people/person/import/")
    expect(page.locator("input[type=file]")).to_have_count(1)
    assert_clean(page, "person import page")
    article = Article.objects.order_by("pk").first()
    page.goto(f"{live_server.url}/admin/archive/article/{article.pk}/change/")
    assert_clean(page, "article change form")
    page.goto(f"{live_server.url}/admin/archive/article/{article.pk}/annotate/")
    # The workbench asks for its proposals after loading: the tagger's first load is slow on a busy machine.
    page.wait_for_load_state("networkidle", timeout=60_000)
    assert_clean(page, "annotation workbench")


@pytest.mark.django_db(transaction=True)
def test_an_injected_inline_script_is_blocked_and_reported(watched, live_server, demo):
    page = watched
    page.goto(live_server.url + "/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.body.append(s); }"
    )
    page.wait_for_function("window.__csp.length > 0")
    assert page.evaluate("window.__ran") is None
    assert page.evaluate("window.__csp")[0].startswith("script-src")


@pytest.mark.django_db(transaction=True)
def test_public_pages_run_without_csp_violations(watched, live_server, demo):
    page = watched
    for path in [
        "/",
        "/people/",
        "/people/yang-meng/",
        "/events/",
        "/articles/alibaba-b2b-18-years/",
        "/search/?q=杨猛",
    ]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        assert_clean(page, path)


@pytest.mark.django_db(transaction=True)
def test_a_form_login_is_locked_out_after_repeated_failures(page, live_server, make_user, settings):
    make_user("ed", "Editors")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", "ed")
        page.fill("#id_password", "wrong")
        page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "ed")
    page.fill("#id_password", "pw-ed")
    page.click("input[type=submit]")
    expect(page.locator("h1")).to_have_text("登录失败次数过多")
