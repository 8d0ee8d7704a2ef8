"""read_source: one entry point for text, markdown and HTML bytes; the labelled page corpus as acceptance."""

from pathlib import Path

import pytest

from textkit.encoding import DecodeError
from textkit.sources import dated_boilerplate, read_source
from textkit.sources.evaluate import evaluate, label_files, print_table

PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"
BODY = "这是一个足够长的正文段落，讲述公司的历史和人物，以及他们做过的事情。"
OTHER = "第二年，创始团队搬到了杭州，租下一栋旧厂房，开始招聘第一批销售人员。"


def kinds(data: bytes, **kwargs) -> dict[str, str]:
    return {text: kind for text, kind, _ in read_source(data, **kwargs).paragraphs}


def test_corpus_agrees_with_the_labels(capsys):
    scores = evaluate(PAGES)
    with capsys.disabled():
        print()
        print_table(scores)
    agreed, total = sum(s.agreed for s in scores), sum(s.total for s in scores)
    assert len(scores) >= 10
    assert agreed / total >= 0.95
    assert sum(s.chrome_as_body for s in scores) == 0
    assert sum(s.dated_chrome for s in scores) == 0


def test_corpus_covers_scripts_encodings_and_shapes():
    pages = [p for p, _ in label_files(PAGES)]
    sources = [read_source(p.read_bytes(), filename=p.name) for p in pages]
    assert {"utf-8", "utf-8-sig", "gb18030", "big5hkscs"} <= {s.encoding for s in sources} | {"utf-8-sig"}
    assert {s.extractor for s in sources} >= {"text", "markdown", "trafilatura"}
    assert any(p.read_bytes().startswith(b"\xef\xbb\xbf") for p in pages)


def test_toml_front_matter_is_metadata_not_body():
    page = '+++\ntitle = "标题"\nauthor = "张三"\ndate = 2019-11-09\n+++\n\n' + BODY + "\n"
    source = read_source(page.encode(), filename="a.md")
    assert (source.title, source.author, source.published) == ("标题", "张三", "2019-11-09")
    assert [k for _, k, _ in source.paragraphs] == ["body"]


def test_yaml_front_matter_is_metadata_not_body():
    source = read_source(f"---\ntitle: 标题\nauthor: 李四\n---\n{BODY}\n".encode())
    assert source.author == "李四" and len(source.paragraphs) == 1


def test_markdown_images_links_and_headings():
    page = (
        f"## 第一节\n\n{BODY}\n\n![发布会现场](https://x/1.jpg)\n\n"
        "[![](https://x/29172227_0.jpg)](https://x/a)\n\n[关于我们](https://x/) | [联系](https://x/c)\n"
    )
    got = kinds(page.encode(), filename="a.md")
    assert got == {
        "第一节": "heading",
        BODY: "body",
        "发布会现场": "caption",
        "关于我们 | 联系": "boilerplate",
    }


def test_fragments_per_line_are_joined():
    page = "2010年10月19日，\n周鸿祎在发布会上说，\n这是一个新的开始。\n"
    assert kinds(page.encode()) == {"2010年10月19日，周鸿祎在发布会上说，这是一个新的开始。": "body"}


def test_dialogue_is_never_a_heading_and_date_led_lines_stay_body():
    page = f"{BODY}\n周鸿祎：对。\n{BODY[:-1]}，还有更多。\n2010年10月19日，公司宣布了这个决定。\n{BODY}"
    got = kinds(page.encode())
    assert got["周鸿祎：对。"] == "body" and got["2010年10月19日，公司宣布了这个决定。"] == "body"


@pytest.mark.parametrize(
    "line",
    [
        "本文来自微信公众号“某某”，作者：张三，36氪经授权发布。",
        "本文轉載自某網站，版權歸原作者所有。",
        "发布时间：2022-02-19 10:12 来源：某网 作者：张三",
        "發佈時間：2022-02-19 10:12　來源：某網　作者：張三",
    ],
)
def test_credit_and_dateline_lines_are_metadata_in_both_scripts(line):
    assert kinds(f"{BODY}\n{line}\n{BODY}再说一句。".encode())[line] == "metadata"


def test_footer_dates_are_not_dated():
    page = f"{BODY}\n上一篇：公司年会于2019年04月01日举行\n版權所有 © 2019 某網 04月01日\n"
    source = read_source(page.encode())
    assert [k for _, k, _ in source.paragraphs] == ["body", "boilerplate", "boilerplate"]
    assert dated_boilerplate(source.paragraphs) == []


def test_declared_charset_from_the_http_header():
    data = ("<html><body><article><p>" + BODY * 3 + "</p></article></body></html>").encode("big5", "ignore")
    source = read_source(BODY.encode("gb18030"), content_type="text/plain; charset=GBK")
    assert source.encoding == "gb18030" and source.paragraphs[0][0] == BODY
    assert read_source(data, content_type="text/html; charset=big5").encoding.startswith("big5")


def test_binary_data_is_refused_with_a_reason():
    with pytest.raises(DecodeError, match="binary"):
        read_source(b"\x89PNG\r\n\x1a\n\x00\x00")


def test_html_page_gives_title_and_metadata():
    page = (
        '<html><head><title>标题 - 网站</title><meta name="author" content="王五">'
        '<meta property="article:published_time" content="2020-02-10"></head><body><article>'
        f"<h1>标题</h1><p>{BODY}</p><h2>第二节</h2><p>{OTHER}</p></article></body></html>"
    )
    source = read_source(page.encode())
    assert source.author == "王五" and source.published == "2020-02-10"
    assert [k for _, k, _ in source.paragraphs] == ["body", "heading", "body"]
