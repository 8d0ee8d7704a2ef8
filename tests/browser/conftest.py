"""Playwright driving Debian's chromium; never a browser Playwright downloads itself.

Browser tests are marked ``browser``. When /usr/bin/chromium is missing they fail with the
install command (``make test`` installs it), so a missing browser never passes silently.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("ANNALS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the tests
# themselves (fixtures, assertions) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `apt-get install -y chromium` (make test does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def demo(transactional_db):
    """Load the demo archive into the database the live server reads."""
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)


@pytest.fixture
def login(page, live_server):
    """Return a function logging the page in to the admin as the given user (password pw-<username>)."""

    def log_in(user):
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", f"pw-{user.username}")
        page.click("input[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")

    return log_in


@pytest.fixture
def editorial_groups(transactional_db):
    """The Editors and Reviewers groups (archive.groups gives them back after every flush)."""
    from archive.groups import ensure_groups

    ensure_groups()
