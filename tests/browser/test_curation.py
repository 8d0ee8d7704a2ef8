"""Acceptance: an unseen ~5,000-character article curated from proposals in chromium.

The archive holds only this article (nothing known, an empty lexicon). The editor reviews the
proposals with the keyboard — A accepts the current one, X rejects one the server refuses — and
the test counts every key press and click: at most 1.5 per accepted claim, and the article page
is never reloaded between them (one navigation entry, and a marker set on window survives).
"""

from pathlib import Path

import pytest
from django.core.management import call_command

from archive.models import Annotation, Article

DATA = Path(__file__).resolve().parents[1] / "data"
PARTS = [
    "curation/jd_latepost.txt",
    "curation/bytedance_zhangyiming.txt",
    "curation/meituan_rdelec.txt",
    "curation/huawei_yaliqi.txt",
    "curation/meituan_wangxing_mbji.txt",
    "pages/chinaz_36kr_ipo.md",
]
CLAIMS = 20


@pytest.fixture(autouse=True)
def _groups(editorial_groups):
    """The editor below is in the Editors group."""


@pytest.fixture
def unseen(transactional_db, tmp_path):
    text = "\n\n".join((DATA / p).read_text(encoding="utf-8-sig") for p in PARTS)
    path = tmp_path / "unseen.txt"
    path.write_text(text, encoding="utf-8")
    call_command(
        "import_article", str(path), "--title", "互联网公司高管合集", "--published-on", "2021", verbosity=0
    )
    return Article.objects.get(title="互联网公司高管合集")


@pytest.mark.django_db(transaction=True)
def test_editor_curates_an_unseen_article_from_proposals_in_under_1_5_actions_per_claim(
    page, live_server, login, unseen, editor
):
    # About 5,000 characters as received; cleaning the page drops a few hundred of chrome.
    assert 4_000 <= sum(len(p.text) for p in unseen.paragraphs.all()) <= 6_500
    login(editor)
    page.goto(f"{live_server.url}/admin/archive/article/{unseen.pk}/annotate/")
    page.locator(".wb-proposal").first.wait_for(timeout=90_000)
    page.evaluate("window.__curating = 'same page'")
    count = page.locator("#wb-proposal-count")
    actions = accepted = 0
    while accepted < CLAIMS and int(count.inner_text()) > 0:
        before = int(count.inner_text())
        page.keyboard.press("a")
        actions += 1
        page.wait_for_function(
            "([n]) => Number(document.getElementById('wb-proposal-count').textContent) < n"
            " || document.querySelector('#wb-message.wb-error') !== null",
            arg=[before],
        )
        if int(count.inner_text()) < before:
            accepted += 1
            continue
        page.evaluate("document.getElementById('wb-message').className = 'wb-message'")
        page.keyboard.press("x")
        actions += 1
        page.wait_for_function(
            "([n]) => Number(document.getElementById('wb-proposal-count').textContent) < n", arg=[before]
        )
    print(
        f"\ncuration: {accepted} claims accepted with {actions} actions ({actions / max(accepted, 1):.2f} per claim)"
    )
    assert accepted >= 10
    assert actions / accepted <= 1.5
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert page.evaluate("window.__curating") == "same page"
    drafts = Annotation.objects.filter(paragraph__article=unseen, status="draft", editor=editor)
    assert drafts.count() >= accepted
    assert page.locator("mark.wb-ann.wb-status-draft").count() >= 1
    assert drafts.first().history.first().history_change_reason == "accepted proposal"
