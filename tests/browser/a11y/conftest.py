"""The accessibility and markup checks use the browser tests' fixtures (one chromium per session)."""

import pytest


@pytest.fixture
def page(browser):
    """A page that may inject axe-core: the site's strict CSP forbids the inline script it adds."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()
