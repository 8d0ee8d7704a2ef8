"""Every public page of the demo archive passes axe-core with no violation, at 1280 and 390 px."""

import pytest

from .checks import AXE, html_urls

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not AXE.exists(), reason=f"{AXE} is missing: run `make axe` (make test does it)"),
]


def violations(page, url):
    page.goto(url)
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document)).violations")
    return [f"{v['id']} ({v['impact']}): {len(v['nodes'])}× {v['nodes'][0]['target']}" for v in found]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 390])
def test_every_public_page_has_no_axe_violation(page, live_server, demo, width):
    page.set_viewport_size({"width": width, "height": 900})
    failures = {}
    for url in html_urls():
        found = violations(page, live_server.url + url)
        if found:
            failures[url] = found
    assert not failures, failures
