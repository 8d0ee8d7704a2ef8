"""Seed documents for the pure text tests (no database, no conftest: they run with -p no:django --noconftest)."""

import os
from pathlib import Path

import pytest

from textkit.paragraphs import split_paragraphs

REPO = Path(__file__).resolve().parents[2]
SEED_NAMES = {"original": "000_fbf63399b12ced61.txt", "reprint": "001_5e1bf93a7904f7fc.txt"}


def seed_dir() -> Path:
    """Return the folder holding the seed articles: $ANNALS_SEEDS or the repo's own copy."""
    candidates = [os.environ.get("ANNALS_SEEDS"), REPO / "archive" / "demo" / "sources"]
    for folder in filter(None, candidates):
        if (Path(folder) / SEED_NAMES["original"]).exists():
            return Path(folder)
    raise FileNotFoundError("seed articles not found; set ANNALS_SEEDS to their folder")


def read_seed(which: str) -> str:
    return (seed_dir() / SEED_NAMES[which]).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def original_text():
    return read_seed("original")


@pytest.fixture(scope="session")
def reprint_text():
    return read_seed("reprint")


@pytest.fixture(scope="session")
def original(original_text):
    return split_paragraphs(original_text)


@pytest.fixture(scope="session")
def reprint(reprint_text):
    return split_paragraphs(reprint_text)


def traditional_html_copy(
    paragraphs: list[str], kinds: list[str], extra: str = "", article_tag: bool = False
) -> str:
    """Return a traditional-character web page carrying the paragraphs amid navigation, ads, footer and scripts."""
    import html

    import opencc

    convert = opencc.OpenCC("s2t").convert
    body = "\n".join(
        f"<h2>{html.escape(convert(p))}</h2>" if kind == "heading" else f"<p>{html.escape(convert(p))}</p>"
        for p, kind in zip(paragraphs, kinds)
    )
    wrapper = ("<article>", "</article>") if article_tag else ('<div class="main-content">', "</div>")
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>阿里巴巴B2B十八年 - 新聞網</title>
<script>var teaser = "<p>腳本裡的文字</p>";</script><style>p {{ color: #333 }}</style></head>
<body><header><div class="logo">新聞網</div></header>
<nav><ul><li><a href="/">首頁</a></li><li><a href="/news">新聞中心</a></li></ul></nav>
<div class="breadcrumb">首頁 &gt; 科技 &gt; 電商</div>
<div id="wrap"><div class="ad-banner">廣告:買房就找我們,首付三成</div>
<h1>阿里巴巴B2B十八年</h1>
{wrapper[0]}
{body}
{extra}
{wrapper[1]}
<div class="share-bar">分享到微博 分享到微信</div>
<aside><p>熱門文章:如何在一年內把銷售額做到一億美元的秘訣大公開</p></aside>
<div id="comments"><p>網友評論:好文章,寫得真好,值得每一個創業者反覆閱讀,轉發了。</p></div>
</div>
<footer><p>Copyright © 2017 新聞網 版權所有 浙ICP備12345678號</p></footer>
<script>document.write("<p>動態插入</p>")</script>
</body></html>"""
