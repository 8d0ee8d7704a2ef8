"""The browser set-up itself: Debian's chromium renders a page served by the live server."""

import pytest


@pytest.mark.django_db(transaction=True)
def test_chromium_renders_the_home_page(page, live_server, demo):
    page.goto(live_server.url + "/")
    assert page.locator("h1").count() == 1
    assert "Annals" in page.title()
