"""Article extraction from web pages."""

import opencc
import pytest

from tests.textkit.seeds import original, original_text, traditional_html_copy  # noqa: F401 (fixtures)
from textkit.classify import classify
from textkit.html import extract_article, is_html, is_noise

S2T = opencc.OpenCC("s2t").convert
NOISE = (
    "首頁",
    "廣告",
    "分享到",
    "熱門文章",
    "網友評論",
    "Copyright",
    "版權所有",
    "腳本",
    "動態插入",
    "新聞中心",
)


@pytest.fixture(scope="module")
def kinds(original):
    return [c.kind for c in classify(original)]


@pytest.mark.parametrize("article_tag", [False, True])
def test_traditional_copy_yields_exactly_the_body(original, kinds, article_tag):
    extracted = extract_article(traditional_html_copy(original, kinds, article_tag=article_tag))
    assert extracted.paragraphs == [S2T(p) for p in original]


def test_navigation_ads_comments_footer_and_scripts_are_dropped(original, kinds):
    text = "\n".join(extract_article(traditional_html_copy(original, kinds)).paragraphs)
    assert not [word for word in NOISE if word in text]


def test_headings_are_remembered(original, kinds):
    extracted = extract_article(traditional_html_copy(original, kinds))
    assert extracted.heading_positions == [i for i, kind in enumerate(kinds) if kind == "heading"]
    assert extracted.title == "阿里巴巴B2B十八年"


def test_escaped_markup_stays_literal_text(original, kinds):
    extra = "<p>他說&lt;script&gt;alert(1)&lt;/script&gt;不會執行。</p>"
    extracted = extract_article(traditional_html_copy(original, kinds, extra=extra))
    assert extracted.paragraphs[-1] == "他說<script>alert(1)</script>不會執行。"


def test_line_breaks_split_paragraphs_and_whitespace_collapses():
    page = "<html><body><div><p>第一段,  很長的\n文字</p>第二段<br>第三段&nbsp;</div></body></html>"
    assert extract_article(page).paragraphs == ["第一段, 很長的文字", "第二段", "第三段"]


def test_title_falls_back_to_the_title_element():
    page = "<html><head><title>標題</title></head><body><p>正文內容</p></body></html>"
    assert extract_article(page).title == "標題"


def test_densest_block_wins_over_link_lists():
    links = "".join(f"<li><a href='/{i}'>連結{i}</a></li>" for i in range(30))
    story = "".join(f"<p>{'這是正文的一個很長的段落,講述公司的歷史。' * 3}{i}</p>" for i in range(5))
    page = f"<html><body><div><ul>{links}</ul></div><div>{story}</div></body></html>"
    paragraphs = extract_article(page).paragraphs
    assert len(paragraphs) == 5 and not any("連結" in p for p in paragraphs)


@pytest.mark.parametrize(
    "tag, attrs, expected",
    [
        ("div", {"class": "sidebar-right"}, True),
        ("div", {"id": "ad_top"}, True),
        ("div", {"class": "post-comments"}, True),
        ("div", {"class": "article-body"}, False),
        ("div", {"class": "header-image shadow"}, False),
        ("p", {"style": "display: none"}, True),
        ("aside", {}, True),
    ],
)
def test_noise_elements_are_recognised(tag, attrs, expected):
    assert is_noise(tag, attrs) is expected


def test_is_html_tells_pages_from_text(original_text):
    assert is_html("<!DOCTYPE html><html><body><p>x</p></body></html>")
    assert is_html("<p>一</p><p>二</p><div>三</div>")
    assert not is_html(original_text)
    assert not is_html("a < b and b > c")
